using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.ReadModel;
using Npgsql;

namespace Crm.Silo.ReadModel;

/// <summary>
/// Range filters on number, money and date fields use an expression index of the field, partial to
/// its portal: another portal's field of the same code may hold other kinds of text, which the
/// index never evaluates.
/// </summary>
public sealed class CustomFieldIndexes(NpgsqlDataSource db) : ICustomFieldIndexes
{
    public async Task Ensure(int portalId, CustomField field)
    {
        if (RangeExpression(field) is not { } expression) return;
        // Built concurrently so a large table keeps taking writes while it builds.
        await Execute($"CREATE INDEX CONCURRENTLY IF NOT EXISTS {Name(portalId, field)} ON {RecordTables.Of(field.RecordKind)} (({expression})) " +
            $"WHERE portal_id = {portalId} AND NOT is_deleted");
    }

    public Task Drop(int portalId, CustomField field) =>
        RangeExpression(field) is null ? Task.CompletedTask : Execute($"DROP INDEX CONCURRENTLY IF EXISTS {Name(portalId, field)}");

    /// <summary>The SQL that filters compare for a range (the index is used only when a filter uses the same expression).</summary>
    public static string? RangeExpression(CustomField field) => field.Type switch
    {
        CustomFieldType.Number => $"(custom->>'{field.Code}')::numeric",
        CustomFieldType.Money => $"split_part(custom->>'{field.Code}', '|', 1)::numeric",
        CustomFieldType.Date => $"(custom->>'{field.Code}')",
        _ => null,
    };


    private static string Name(int portalId, CustomField field) => $"{RecordTables.Of(field.RecordKind)}_p{portalId}_{field.Code.ToLowerInvariant()}";

    private async Task Execute(string sql)
    {
        await using var command = db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
