using System.Text.Json;
using Crm.Grains.Interfaces.Stream;
using Crm.Grains.Stream;
using Crm.Silo.Database;
using Crm.Silo.ReadModel;
using Crm.Web.Access;
using Crm.Web.Api;
using Npgsql;

namespace Crm.Web.ActivityStream;

/// <summary>A page of the stream: the viewer's pinned posts (first page only), then the newest posts before <see cref="NextBefore"/>.</summary>
public sealed record StreamPage(IReadOnlyList<PostView> Pinned, IReadOnlyList<PostView> Items, long? NextBefore, int Unread);

/// <summary>
/// Reads the stream from <c>stream_posts</c> as one viewer may see it (the same rule as
/// <see cref="StreamViewer.CanSee"/>), and keeps each user's place in it for the unread count.
/// </summary>
public sealed class StreamQueries(NpgsqlDataSource db, ReadableRowsOf readable, TimeProvider clock)
{
    public const int MaxUnread = 999;

    public async Task<StreamPage> Page(RequestUser user, StreamViewer viewer, long? before, int limit)
    {
        await using var connection = await db.OpenConnectionAsync();
        var pinned = before is null ? await Read(connection, user, viewer, "$2 = ANY(pinned_by)", null, 50) : [];
        var items = await Read(connection, user, viewer, "NOT ($2 = ANY(pinned_by))", before, limit + 1);
        var next = items.Count > limit ? items[limit - 1].Id : (long?)null;
        return new StreamPage(pinned, items.Take(limit).ToList(), next, await Unread(connection, user, viewer));
    }

    /// <summary>How many posts the user may see arrived after the last one they saw (their own do not count); at most <see cref="MaxUnread"/>.</summary>
    public async Task<int> Unread(RequestUser user, StreamViewer viewer)
    {
        await using var connection = await db.OpenConnectionAsync();
        return await Unread(connection, user, viewer);
    }

    /// <summary>The user has seen the stream up to this post.</summary>
    public async Task MarkSeen(RequestUser user, long postId)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO stream_seen (portal_id, user_id, last_post_id) VALUES ($1, $2, $3)
            ON CONFLICT (portal_id, user_id) DO UPDATE SET last_post_id = GREATEST(stream_seen.last_post_id, EXCLUDED.last_post_id)
            """);
        command.AddValues(user.PortalId, user.UserId, postId);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<int> Unread(NpgsqlConnection connection, RequestUser user, StreamViewer viewer)
    {
        await using var command = connection.CreateCommand();
        command.AddValues(user.PortalId, user.UserId, viewer.DepartmentIds.ToArray());
        command.CommandText = $"""
            SELECT count(*) FROM (SELECT 1 FROM stream_posts
            WHERE portal_id = $1 AND NOT is_deleted AND author_id <> $2
              AND id > COALESCE((SELECT last_post_id FROM stream_seen WHERE portal_id = $1 AND user_id = $2), 0)
              AND {await Visible(user, command.Parameters)}
            LIMIT {MaxUnread}) unread
            """;
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<PostView>> Read(NpgsqlConnection connection, RequestUser user, StreamViewer viewer, string condition, long? before, int limit)
    {
        await using var command = connection.CreateCommand();
        command.AddValues(user.PortalId, user.UserId, viewer.DepartmentIds.ToArray(), before ?? long.MaxValue, limit);
        command.CommandText = $"""
            SELECT data FROM stream_posts
            WHERE portal_id = $1 AND NOT is_deleted AND id < $4 AND {condition} AND {await Visible(user, command.Parameters)}
            ORDER BY id DESC LIMIT $5
            """;
        var now = clock.GetUtcNow();
        var posts = new List<PostView>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var post = JsonSerializer.Deserialize<PostData>(reader.GetString(0), ReadModelJson.Options)!;
            posts.Add(PostViews.For(post, user.UserId, now));
        }
        return posts;
    }

    /// <summary>
    /// Which rows the viewer sees ($1 portal, $2 user, $3 their departments): posts addressed to them,
    /// events they are named in, and events about records their role lets them read.
    /// </summary>
    private async Task<string> Visible(RequestUser user, NpgsqlParameterCollection parameters)
    {
        var deals = (await readable.Deals(user, null)).Apply(parameters);
        var leads = (await readable.Leads(user)).Apply(parameters);
        return $"""
            ((record_kind IS NULL AND (author_id = $2 OR audience_everyone OR $2 = ANY(audience_users) OR audience_departments && $3))
             OR (event_users IS NOT NULL AND $2 = ANY(event_users))
             OR (event_users IS NULL AND record_kind = 'deal'{deals})
             OR (event_users IS NULL AND record_kind = 'lead'{leads}))
            """;
    }
}
