using Crm.Silo.Database;
using Crm.Grains.Interfaces.Comments;
using Crm.Grains.ReadModel;
using Npgsql;
using static Crm.Silo.ReadModel.RecordRows;

namespace Crm.Silo.ReadModel;

/// <summary>Writes comment rows and their history.</summary>
public sealed class CommentReadModel(GroupedScalars scalars, ProjectionWriter writer) : IRecordReadModel<Comment>
{
    private static readonly string[] Columns =
        ["portal_id", "id", "owner_kind", "owner_id", "text", "is_deleted", "created_at", "created_by", "updated_at", "updated_by", "version"];

    private static readonly string Upsert = $"""
        INSERT INTO comments ({string.Join(", ", Columns)}) VALUES ({Placeholders(Columns.Length)})
        ON CONFLICT (portal_id, id) DO UPDATE SET {Excluded(Columns[2..6].Concat(Columns[8..]).ToArray())}
        WHERE comments.version < EXCLUDED.version
        """;

    public Task Project(Comment c, bool deleted, HistoryEntry? entry) => RecordRows.Project(writer, Upsert,
    [
        Value(c.PortalId), Value(c.Id), Value(c.Owner.Kind), Value(c.Owner.Id), Value(c.Text), Value(deleted),
        Value(c.CreatedAt.UtcDateTime), Value(c.CreatedBy), Value(c.UpdatedAt.UtcDateTime), Value(c.UpdatedBy), Value(c.Version),
    ], "comment_history", "comment_id", c, entry);

    public Task<long?> GetVersion(int portalId, long id) => RecordRows.GetVersion(scalars, "comments", portalId, id);
}
