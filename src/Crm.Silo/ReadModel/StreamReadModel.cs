using Crm.Silo.Database;
using Crm.Grains.Interfaces.Stream;
using Crm.Grains.ReadModel;
using static Crm.Silo.ReadModel.RecordRows;

namespace Crm.Silo.ReadModel;

/// <summary>Writes a post's row of <c>stream_posts</c> (see migration 0022) and attaches its files.</summary>
public sealed class StreamReadModel(GroupedScalars scalars, ProjectionWriter writer) : IStreamReadModel
{
    private static readonly string[] Columns =
    [
        "portal_id", "id", "author_id", "record_kind", "record_id", "responsible_id", "pipeline_id", "stage_id", "status_id", "event_users",
        "audience_everyone", "audience_departments", "audience_users", "pinned_by", "created_at", "version", "is_deleted", "data",
    ];

    private static readonly string Upsert = $"""
        INSERT INTO stream_posts ({string.Join(", ", Columns)}) VALUES ({Placeholders(Columns.Length)})
        ON CONFLICT (portal_id, id) DO UPDATE SET {Excluded(Columns[10..])}
        WHERE stream_posts.version < EXCLUDED.version
        """;

    private const string AttachFiles = """
        UPDATE stream_files SET post_id = $2
        WHERE portal_id = $1 AND id = ANY($3) AND uploaded_by = $4 AND post_id IS NULL
        """;

    public Task Project(PostData post)
    {
        var e = post.Event;
        var row = new ProjectionStatement(Upsert,
            Value(post.PortalId), Value(post.Id), Value(post.AuthorId), Nullable(e?.Record.Kind), Nullable(e?.Record.Id),
            Nullable(e?.ResponsibleId), Nullable(e?.PipelineId), Nullable(e?.Record.Kind == "deal" ? e.StageId : null),
            Nullable(e?.Record.Kind == "lead" ? e.StageId : null), Nullable(e?.UserIds?.ToArray()),
            Value(post.Audience.Everyone), Value((post.Audience.DepartmentIds ?? []).ToArray()), Value((post.Audience.UserIds ?? []).ToArray()),
            Value(post.PinnedBy.ToArray()), Value(post.CreatedAt.UtcDateTime), Value(post.Version), Value(post.Deleted), Json(post));
        if (post.Files.Count == 0) return writer.Write(row);
        return writer.Write(row, new ProjectionStatement(AttachFiles,
            Value(post.PortalId), Value(post.Id), Value(post.Files.Select(f => f.Id).ToArray()), Value(post.AuthorId)));
    }

    public Task<long?> GetVersion(int portalId, long postId) => RecordRows.GetVersion(scalars, "stream_posts", portalId, postId);

    private static Npgsql.NpgsqlParameter Nullable<T>(T? value) => new() { Value = (object?)value ?? DBNull.Value };
}
