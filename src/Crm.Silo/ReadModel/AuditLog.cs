using Crm.Grains.ReadModel;
using static Crm.Silo.ReadModel.RecordRows;

namespace Crm.Silo.ReadModel;

/// <summary>Appends audit entries through the grouped read-model writes.</summary>
public sealed class AuditLog(ProjectionWriter writer) : IAuditLog
{
    public Task Record(int portalId, int? actorId, string action, object details) =>
        writer.Write(new ProjectionStatement("INSERT INTO audit_log (portal_id, actor_id, action, details) VALUES ($1, $2, $3, $4)",
            Value(portalId), new() { Value = (object?)actorId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer }, Value(action), Json(details)));
}
