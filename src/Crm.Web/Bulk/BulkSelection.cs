using Crm.Grains.Interfaces.Lists;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Lists;
using Crm.Silo.ReadModel;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Web.Bulk;

/// <summary>The ids of the rows a bulk operation works on when the user chose "all filtered rows" (of those the user may see).</summary>
public sealed class BulkSelection(NpgsqlDataSource db, ListCatalog catalog)
{
    /// <summary>More rows than this are refused: a larger change should be filtered into parts.</summary>
    public const int MaxRows = 10_000;

    public async Task<IReadOnlyList<long>> Ids(int portalId, ReadableRows readable, string recordKind, IReadOnlyList<FilterCondition>? conditions, string? search)
    {
        var filter = new ListFilter(await catalog.Fields(portalId, recordKind), conditions);
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = (object?)SearchText.PrefixQuery(search) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = MaxRows + 1 });
        command.CommandText = $"""
            SELECT id FROM {RecordTables.Of(recordKind)}
            WHERE portal_id = $1 AND NOT is_deleted
              AND ($2::text IS NULL OR search @@ to_tsquery('simple', $2)){ListFilter.Apply(filter, command.Parameters)}{readable.Apply(command.Parameters)}
            ORDER BY id
            LIMIT $3
            """;
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids.Count <= MaxRows ? ids
            : throw CrmException.Invalid("too_many_rows", $"A bulk operation can change at most {MaxRows:N0} rows; narrow the filter.", "filter");
    }

}
