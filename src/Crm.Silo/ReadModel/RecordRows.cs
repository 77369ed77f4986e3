using Crm.Silo.Database;
using System.Text.Json;
using Crm.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Silo.ReadModel;

/// <summary>
/// What the projections of records share: the row upsert and the timeline entry in one transaction
/// (through the <see cref="ProjectionWriter"/>), and the stored row's version.
/// </summary>
public static class RecordRows
{
    /// <summary>Writes the record's upsert (its own SQL and parameters) and its history entry (once per version) in one transaction.</summary>
    public static Task Project(ProjectionWriter writer, string upsert, NpgsqlParameter[] row,
        string historyTable, string idColumn, IRecord record, HistoryEntry? entry)
    {
        var rowStatement = new ProjectionStatement(upsert, row);
        return entry is null ? writer.Write(rowStatement) : writer.Write(rowStatement, History(historyTable, idColumn, record.PortalId, record.Id, entry));
    }

    /// <summary>The insert of a timeline entry; a version already stored is left as it is.</summary>
    public static ProjectionStatement History(string historyTable, string idColumn, int portalId, long id, HistoryEntry entry) => new($"""
        INSERT INTO {historyTable} (portal_id, {idColumn}, version, at, actor_id, action, changes)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT DO NOTHING
        """,
        Value(portalId), Value(id), Value(entry.Version), Value(entry.At.UtcDateTime), Value(entry.ActorId), Value(entry.Action), Json(entry.Changes));

    /// <summary>The projected version of a record, read with other grains' look-ups (activations come in crowds).</summary>
    public static async Task<long?> GetVersion(GroupedScalars scalars, string table, int portalId, long id) =>
        await scalars.Run($"SELECT version FROM {table} WHERE portal_id = $1 AND id = $2", portalId, id) as long?;

    public static NpgsqlParameter Json<T>(T value) =>
        new() { Value = JsonSerializer.Serialize(value, ReadModelJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb };

    public static NpgsqlParameter Value(object value) => new() { Value = value };

    /// <summary>A record's custom field values as the jsonb <c>custom</c> column holds them.</summary>
    public static NpgsqlParameter Custom(IReadOnlyDictionary<string, string>? values) => Json(values ?? new Dictionary<string, string>());

    /// <summary>The duplicate-search keys of phones (their last digits) and e-mails (lower case).</summary>
    public static (NpgsqlParameter Phones, NpgsqlParameter Emails) MatchKeys(IReadOnlyList<ContactPoint>? phones, IReadOnlyList<ContactPoint>? emails) =>
        (Value((phones ?? []).Select(p => ContactPoints.PhoneKey(p.Value) ?? p.Value).ToArray()),
         Value((emails ?? []).Select(e => e.Value.ToLowerInvariant()).ToArray()));

    /// <summary>"col = EXCLUDED.col, ..." for an upsert's update list.</summary>
    public static string Excluded(params string[] columns) => string.Join(", ", columns.Select(c => $"{c} = EXCLUDED.{c}"));

    /// <summary>"$1, $2, ... $n".</summary>
    public static string Placeholders(int count) => string.Join(", ", Enumerable.Range(1, count).Select(i => $"${i}"));
}
