using System.Text.Json;
using Npgsql;

namespace Crm.Silo.ReadModel;

/// <summary>
/// Reads a record's timeline, newest first: its history table (deal_history, lead_history, ...: same
/// columns) with that of the duplicates merged into the record, and with <c>ownerKind</c> the history of the activities that belong to it, each line
/// saying which activity ("call "Follow up" completed"), and its comments (as they read now).
/// </summary>
public static class HistoryRows
{
    public static async Task<IReadOnlyList<HistoryEntry>> Read(NpgsqlDataSource db, string table, string idColumn, int portalId, long id, string? ownerKind = null)
    {
        // The record and, recursively, the duplicates merged into it (named by its "merged" entries).
        await using var command = db.CreateCommand($"""
            WITH RECURSIVE merged(id) AS (
                SELECT $2::bigint
                UNION
                SELECT (c->>'new')::bigint
                FROM merged m JOIN {table} h ON h.portal_id = $1 AND h.{idColumn} = m.id AND h.action = 'merged',
                     jsonb_array_elements(h.changes) c
                WHERE c->>'field' = 'mergedFrom'
            )
            SELECT version, at, actor_id, action, changes FROM {table}
            WHERE portal_id = $1 AND {idColumn} IN (SELECT id FROM merged)
            UNION ALL
            SELECT h.version, h.at, h.actor_id, a.type || ' "' || a.subject || '" ' || h.action, h.changes
            FROM activity_history h JOIN activities a ON a.portal_id = h.portal_id AND a.id = h.activity_id
            WHERE h.portal_id = $1 AND a.owner_kind = $3 AND a.owner_id IN (SELECT id FROM merged)
            UNION ALL
            SELECT c.version, c.created_at, c.created_by, 'commented',
                   jsonb_build_array(jsonb_build_object('field', 'comment', 'old', NULL, 'new', c.text))
            FROM comments c
            WHERE c.portal_id = $1 AND c.owner_kind = $3 AND c.owner_id IN (SELECT id FROM merged) AND NOT c.is_deleted
            ORDER BY at DESC, version DESC
            """);
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = ownerKind ?? "" });
        var entries = new List<HistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            entries.Add(new HistoryEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetInt32(2), reader.GetString(3),
                JsonSerializer.Deserialize<List<FieldChange>>(reader.GetString(4), ReadModelJson.Options) ?? []));
        return entries;
    }
}
