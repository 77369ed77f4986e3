using System.Globalization;
using System.Runtime.CompilerServices;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Lists;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Components.Shared;
using Crm.Web.Lists;
using Crm.Silo.ReadModel;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Web.Export;

/// <summary>
/// The rows of a filtered list as an export reads them: the chosen columns (all fields by default)
/// of every matching row, straight from the read model, with list ids, users and custom values as
/// names a reader understands.
/// </summary>
public sealed class ListExport(NpgsqlDataSource db, ListCatalog catalog, IGrainFactory grains, UserQueries users)
{
    /// <summary>Larger exports are refused: split them with a filter.</summary>
    public const int MaxRows = 100_000;

    public sealed record Plan(IReadOnlyList<string> Headers, IAsyncEnumerable<IReadOnlyList<object?>> Rows);

    public async Task<Plan> Prepare(RequestUser me, ReadableRows rows, string recordKind, IReadOnlyList<FilterCondition>? conditions, string? search, IReadOnlyList<string>? columns)
    {
        var fields = await catalog.Fields(me.PortalId, recordKind);
        var chosen = columns is { Count: > 0 }
            ? columns.Select(c => fields.FirstOrDefault(f => f.Key == c)
                ?? throw CrmException.Invalid("unknown_column", $"'{c}' is not a field of this list; use one of {string.Join(", ", fields.Select(f => f.Key))}.", "columns")).ToList()
            : fields.ToList();
        var filter = new ListFilter(fields, conditions);
        filter.Sql(1); // a bad filter is refused before the download starts
        var names = new UserNames(await users.List(me.PortalId));
        var lists = await Lists(me.PortalId);
        return new Plan(chosen.Select(f => f.Label).ToList(), Read(me.PortalId, rows, recordKind, chosen, filter, search, names, lists));
    }

    private async IAsyncEnumerable<IReadOnlyList<object?>> Read(int portalId, ReadableRows rows, string recordKind, IReadOnlyList<ListField> fields, ListFilter filter,
        string? search, UserNames users, IReadOnlyDictionary<string, IReadOnlyList<ListItem>> lists, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = (object?)SearchText.PrefixQuery(search) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = MaxRows + 1 });
        command.CommandText = $"""
            SELECT {string.Join(", ", fields.Select(Select))} FROM {RecordTables.Of(recordKind)}
            WHERE portal_id = $1 AND NOT is_deleted
              AND ($2::text IS NULL OR search @@ to_tsquery('simple', $2)){ListFilter.Apply(filter, command.Parameters)}{rows.Apply(command.Parameters)}
            ORDER BY id
            LIMIT $3
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var count = 0;
        while (await reader.ReadAsync(ct))
        {
            if (++count > MaxRows)
                throw new InvalidOperationException($"More than {MaxRows} rows to export.");
            var row = new object?[fields.Count];
            for (var i = 0; i < fields.Count; i++)
                row[i] = reader.IsDBNull(i) ? null : Value(fields[i], reader, i, users, lists);
            yield return row;
        }
    }

    /// <summary>How many rows the export would have, checked before the file starts (an error cannot follow a started download).</summary>
    public async Task CheckSize(int portalId, ReadableRows rows, string recordKind, IReadOnlyList<FilterCondition>? conditions, string? search)
    {
        var filter = new ListFilter(await catalog.Fields(portalId, recordKind), conditions);
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = (object?)SearchText.PrefixQuery(search) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = MaxRows + 1 });
        command.CommandText = $"""
            SELECT count(*) FROM (SELECT 1 FROM {RecordTables.Of(recordKind)}
            WHERE portal_id = $1 AND NOT is_deleted
              AND ($2::text IS NULL OR search @@ to_tsquery('simple', $2)){ListFilter.Apply(filter, command.Parameters)}{rows.Apply(command.Parameters)}
            LIMIT $3) r
            """;
        if ((long)(await command.ExecuteScalarAsync())! > MaxRows)
            throw CrmException.Invalid("too_many_rows", $"An export can have at most {MaxRows:N0} rows; narrow the filter.", "filter");
    }

    private static string Select(ListField f) => f.Type switch
    {
        ListFieldType.Phone => "(SELECT string_agg(p->>'value', ', ') FROM jsonb_array_elements(phones) p)",
        ListFieldType.Email => "(SELECT string_agg(p->>'value', ', ') FROM jsonb_array_elements(emails) p)",
        _ => f.Sql,
    };

    private static object? Value(ListField f, NpgsqlDataReader r, int i, UserNames users, IReadOnlyDictionary<string, IReadOnlyList<ListItem>> lists)
    {
        if (f.Custom is { } custom)
        {
            var text = r.GetString(i);
            return custom.Type switch
            {
                CustomFieldType.Number => decimal.Parse(text, CultureInfo.InvariantCulture),
                CustomFieldType.Date => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                CustomFieldType.Boolean => text == "true",
                _ => CustomFieldText.Value(custom, text, users),
            };
        }
        return f.Type switch
        {
            ListFieldType.User => users[r.GetInt32(i)],
            ListFieldType.DateTime => r.GetFieldValue<DateTimeOffset>(i),
            ListFieldType.Date => r.GetFieldValue<DateOnly>(i),
            ListFieldType.List when f.ListName is { } list && lists.TryGetValue(list, out var items) =>
                items.FirstOrDefault(x => x.Id == r.GetString(i))?.Name ?? r.GetString(i),
            _ => r.GetValue(i),
        };
    }

    private async Task<IReadOnlyDictionary<string, IReadOnlyList<ListItem>>> Lists(int portalId)
    {
        var g = grains.GetGrain<ICrmListsGrain>(portalId);
        return new Dictionary<string, IReadOnlyList<ListItem>>
        {
            ["lead-statuses"] = (await g.GetLeadStatuses()).Select(s => new ListItem(s.Id, s.Name)).ToList(),
            ["lead-sources"] = await g.GetLeadSources(),
            ["contact-types"] = await g.GetContactTypes(),
            ["company-types"] = await g.GetCompanyTypes(),
            ["industries"] = await g.GetIndustries(),
        };
    }

}
