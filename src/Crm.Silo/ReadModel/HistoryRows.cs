using System.Text.Json;
using Npgsql;

namespace Crm.Silo.ReadModel;

/// <summary>Reads a record's timeline from its history table (deal_history, lead_history: same columns), newest first.</summary>
public static class HistoryRows
{
    public static async Task<IReadOnlyList<HistoryEntry>> Read(NpgsqlDataSource db, string table, string idColumn, int portalId, long id)
    {
        await using var command = db.CreateCommand($"""
            SELECT version, at, actor_id, action, changes FROM {table}
            WHERE portal_id = $1 AND {idColumn} = $2 ORDER BY version DESC
            """);
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = id });
        var entries = new List<HistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            entries.Add(new HistoryEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2), reader.GetString(3),
                JsonSerializer.Deserialize<List<FieldChange>>(reader.GetString(4), ReadModelJson.Options) ?? []));
        return entries;
    }
}
