using Crm.Grains.Interfaces.Settings;
using Crm.Grains.ReadModel;
using Npgsql;

namespace Crm.Silo.ReadModel;

/// <summary>Counts the live records holding selection-list values, one query per check.</summary>
public sealed class ListUsage(NpgsqlDataSource db) : IListUsage
{
    public async Task<IReadOnlyDictionary<string, long>> Count(int portalId, CrmListKind list, IReadOnlyCollection<string> itemIds)
    {
        // Table and column come from this fixed map, never from input.
        var (table, column) = list switch
        {
            CrmListKind.LeadStatuses => ("leads", "status_id"),
            CrmListKind.LeadSources => ("leads", "source_id"),
            CrmListKind.ContactTypes => ("contacts", "type_id"),
            CrmListKind.CompanyTypes => ("companies", "type_id"),
            CrmListKind.Industries => ("companies", "industry_id"),
            _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
        };
        await using var command = db.CreateCommand(
            $"SELECT {column}, count(*) FROM {table} WHERE portal_id = $1 AND {column} = ANY($2) AND NOT is_deleted GROUP BY {column}");
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = itemIds.ToArray() });
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }
}
