using Crm.Silo.Database;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.ReadModel;
using Npgsql;
using NpgsqlTypes;
using static Crm.Silo.ReadModel.RecordRows;

namespace Crm.Silo.ReadModel;

/// <summary>Writes activity rows and timeline entries.</summary>
public sealed class ActivityReadModel(GroupedScalars scalars, ProjectionWriter writer) : IRecordReadModel<Activity>
{
    private static readonly string[] Columns =
    [
        "portal_id", "id", "type", "subject", "description", "responsible_id", "owner_kind", "owner_id", "deadline", "done",
        "is_deleted", "created_at", "created_by", "updated_at", "updated_by", "version",
    ];

    private static readonly string Upsert = $"""
        INSERT INTO activities ({string.Join(", ", Columns)}) VALUES ({Placeholders(Columns.Length)})
        ON CONFLICT (portal_id, id) DO UPDATE SET {Excluded(Columns[2..11].Concat(Columns[13..]).ToArray())}
        WHERE activities.version < EXCLUDED.version
        """;

    public Task Project(Activity a, bool deleted, HistoryEntry? entry)
    {
        var f = a.Fields;
        return RecordRows.Project(writer, Upsert,
        [
            Value(a.PortalId), Value(a.Id), Value(f.Type.ToString().ToLowerInvariant()), Value(f.Subject), Value(f.Description),
            Value(f.ResponsibleId), Value(f.Owner.Kind), Value(f.Owner.Id),
            new() { Value = (object?)f.Deadline?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            Value(a.Done), Value(deleted), Value(a.CreatedAt.UtcDateTime), Value(a.CreatedBy), Value(a.UpdatedAt.UtcDateTime),
            Value(a.UpdatedBy), Value(a.Version),
        ], "activity_history", "activity_id", a, entry);
    }

    public Task<long?> GetVersion(int portalId, long id) => RecordRows.GetVersion(scalars, "activities", portalId, id);
}
