using Crm.Silo.Database;
using Crm.Grains.Interfaces.Notifications;
using Crm.Web.Api;
using Npgsql;

namespace Crm.Web.Notifications;

/// <summary>A user's notifications, newest first, and how many are unread.</summary>
public sealed record NotificationPage(IReadOnlyList<Notification> Items, int Unread);

/// <summary>Reads and marks the signed-in user's own notifications; nobody reaches anyone else's.</summary>
public sealed class NotificationQueries(NpgsqlDataSource db)
{
    public async Task<NotificationPage> List(RequestUser user, bool unreadOnly, int limit)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var list = new NpgsqlCommand($"""
            SELECT id, user_id, kind, text, record_type, record_id, created_at, read_at FROM notifications
            WHERE portal_id = $1 AND user_id = $2 {(unreadOnly ? "AND read_at IS NULL" : "")} ORDER BY id DESC LIMIT $3
            """, connection);
        list.AddValues(user.PortalId, user.UserId, limit);
        var items = new List<Notification>();
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                items.Add(new Notification(user.PortalId, reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        await using var unread = new NpgsqlCommand("SELECT count(*) FROM notifications WHERE portal_id = $1 AND user_id = $2 AND read_at IS NULL", connection);
        unread.AddValues(user.PortalId, user.UserId);
        return new NotificationPage(items, (int)(long)(await unread.ExecuteScalarAsync())!);
    }

    /// <summary>Marks the given notifications of the user read (all unread ones when none are given); returns how many changed.</summary>
    public async Task<int> MarkRead(RequestUser user, IReadOnlyList<long>? ids)
    {
        await using var command = db.CreateCommand(ids is null
            ? "UPDATE notifications SET read_at = now() WHERE portal_id = $1 AND user_id = $2 AND read_at IS NULL"
            : "UPDATE notifications SET read_at = now() WHERE portal_id = $1 AND user_id = $2 AND read_at IS NULL AND id = ANY($3)");
        command.AddValues(user.PortalId, user.UserId);
        if (ids is not null) command.Parameters.Add(new() { Value = ids.ToArray() });
        return await command.ExecuteNonQueryAsync();
    }
}
