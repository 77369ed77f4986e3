using System.Text.Json;
using Npgsql;

namespace Crm.Web.Access;

/// <summary>One entry of a portal's audit log: who did what, when, with the details the writer recorded.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, int? ActorId, string Action, JsonElement Details);

/// <summary>Reads the audit log, for the API and the access settings page alike.</summary>
public sealed class AuditQueries(NpgsqlDataSource db)
{
    /// <summary>The newest <paramref name="limit"/> entries of the portal, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> Newest(int portalId, int limit)
    {
        await using var command = db.CreateCommand("SELECT id, at, actor_id, action, details::text FROM audit_log WHERE portal_id = $1 ORDER BY id DESC LIMIT $2");
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync())
        {
            using var details = JsonDocument.Parse(reader.GetString(4));
            entries.Add(new AuditEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.GetString(3), details.RootElement.Clone()));
        }
        return entries;
    }
}
