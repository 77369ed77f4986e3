using System.Globalization;
using System.Text.Json;
using Crm.Grains.CustomFields;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Lists;
using Npgsql;
using NpgsqlTypes;
using Crm.Silo.ReadModel;

namespace Crm.Web.Lists;

/// <summary>
/// Turns a list filter into SQL conditions with parameters (values never become SQL text), after
/// checking each condition against the record type's fields. Conditions are written to use the
/// read model's indexes: column indexes for standard fields, the GIN index of <c>custom</c>
/// (containment) for custom equality, and the per-field expression indexes for custom ranges.
/// </summary>
public sealed class FilterSql
{
    public const int MaxConditions = 20;
    public const int MaxValues = 100;
    public const int MaxTextLength = 255;

    private readonly List<string> _where = [];
    private readonly int _firstParameter;

    public List<NpgsqlParameter> Parameters { get; } = [];

    /// <summary>"AND ..." for each condition, or empty when there is none.</summary>
    public string Where => string.Concat(_where.Select(w => $" AND ({w})"));

    private FilterSql(int firstParameter) => _firstParameter = firstParameter;

    /// <summary>The SQL of <paramref name="conditions"/>; parameters are numbered from <paramref name="firstParameter"/>.</summary>
    public static FilterSql Build(IReadOnlyList<ListField> fields, IReadOnlyList<FilterCondition>? conditions, int firstParameter)
    {
        var sql = new FilterSql(firstParameter);
        if (conditions is null) return sql;
        if (conditions.Count > MaxConditions)
            throw CrmException.Invalid("too_many_conditions", $"A filter can have at most {MaxConditions} conditions.", "filter");
        foreach (var c in conditions)
        {
            var field = fields.FirstOrDefault(f => f.Key == c.Field)
                ?? throw CrmException.Invalid("unknown_filter_field", $"'{c.Field}' is not a field of this list; use one of {string.Join(", ", fields.Select(f => f.Key))}.", "filter");
            if (!field.Operators.Contains(c.Op))
                throw CrmException.Invalid("invalid_filter_operator", $"'{field.Label}' cannot be filtered with '{c.Op}'; use {string.Join(", ", field.Operators)}.", $"filter.{field.Key}");
            sql._where.Add(field.Custom is null ? sql.Standard(field, c) : sql.Custom(field, c));
        }
        return sql;
    }

    /// <summary>Parses a filter given as JSON (the <c>filter</c> query parameter).</summary>
    public static IReadOnlyList<FilterCondition>? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<List<FilterCondition>>(json, Api.ApiJson.Options)
                ?? throw CrmException.Invalid("invalid_filter", "The filter must be a JSON array of conditions.", "filter");
        }
        catch (JsonException e)
        {
            throw CrmException.Invalid("invalid_filter", $"The filter is not a valid JSON array of conditions: {e.Message}", "filter");
        }
    }

    private string Standard(ListField f, FilterCondition c)
    {
        var col = f.Sql;
        return (f.Type, c.Op) switch
        {
            (ListFieldType.Text, FilterOp.Contains) => $"{col} ILIKE {Add(Like(Text(f, c.Value)))}",
            (ListFieldType.Text, FilterOp.Eq) => $"lower({col}) = lower({Add(Text(f, c.Value))})",
            (ListFieldType.Text, FilterOp.In) => $"lower({col}) = ANY({Add(Many(f, c, v => Text(f, v).ToLowerInvariant()))})",
            // List ids are stored upper-case (as Bitrix24's are): an exact match keeps the column's index usable.
            (ListFieldType.List, FilterOp.Eq) => $"{col} = {Add(Text(f, c.Value).ToUpperInvariant())}",
            (ListFieldType.List, FilterOp.In) => $"{col} = ANY({Add(Many(f, c, v => Text(f, v).ToUpperInvariant()))})",
            (ListFieldType.Text or ListFieldType.List, FilterOp.Empty) => $"{col} = ''",
            (ListFieldType.Text or ListFieldType.List, FilterOp.NotEmpty) => $"{col} <> ''",
            (ListFieldType.Id, FilterOp.Eq) => $"{col} = {Add(Long(f, c.Value))}",
            (ListFieldType.Id, FilterOp.In) => $"{col} = ANY({Add(Many(f, c, v => Long(f, v)))})",
            (ListFieldType.User, FilterOp.Eq) => $"{col} = {Add(Int(f, c.Value))}",
            (ListFieldType.User, FilterOp.In) => $"{col} = ANY({Add(Many(f, c, v => Int(f, v)))})",
            (ListFieldType.Id, FilterOp.Range) => Range(f, col, c, v => Long(f, v)),
            (ListFieldType.Number, FilterOp.Range) => Range(f, col, c, v => Number(f, v)),
            (ListFieldType.Number, FilterOp.Eq) => $"{col} = {Add(Number(f, c.Value))}",
            (ListFieldType.Number, FilterOp.Empty) => $"{col} = 0",
            (ListFieldType.Number, FilterOp.NotEmpty) => $"{col} <> 0",
            (ListFieldType.DateTime, FilterOp.Eq) => Days(col, Date(f, c.Value), Date(f, c.Value)),
            (ListFieldType.DateTime, FilterOp.Range) => Days(col, OptionalDate(f, c.From), OptionalDate(f, c.To), f),
            (ListFieldType.Date, FilterOp.Eq) => $"{col} = {Add(Date(f, c.Value))}",
            (ListFieldType.Date, FilterOp.Range) => Range(f, col, c, v => Date(f, v)),
            (ListFieldType.Date, FilterOp.Empty) => $"{col} IS NULL",
            (ListFieldType.Date, FilterOp.NotEmpty) => $"{col} IS NOT NULL",
            (ListFieldType.Boolean, FilterOp.Eq) => $"{col} = {Add(Bool(f, c.Value))}",
            (ListFieldType.Phone, FilterOp.Eq) => $"{col} @> ARRAY[{Add(Phone(f, c.Value))}]",
            (ListFieldType.Phone, FilterOp.Contains) => $"array_to_string({col}, ' ') LIKE {Add(Like(Digits(f, c.Value)))}",
            (ListFieldType.Email, FilterOp.Eq) => $"{col} @> ARRAY[{Add(Text(f, c.Value).ToLowerInvariant())}]",
            (ListFieldType.Email, FilterOp.Contains) => $"array_to_string({col}, ' ') LIKE {Add(Like(Text(f, c.Value).ToLowerInvariant()))}",
            (ListFieldType.Phone or ListFieldType.Email, FilterOp.Empty) => $"cardinality({col}) = 0",
            (ListFieldType.Phone or ListFieldType.Email, FilterOp.NotEmpty) => $"cardinality({col}) > 0",
            _ => throw CrmException.Invalid("invalid_filter_operator", $"'{f.Label}' cannot be filtered with '{c.Op}'.", $"filter.{f.Key}"),
        };
    }

    private string Custom(ListField f, FilterCondition c)
    {
        var field = f.Custom!;
        var code = field.Code; // UF_CRM_n, generated by the portal's custom fields grain: safe as SQL text
        string Canonical(string? value) => Checked(f, () => CustomValues.Canonical(field, Required(f, value)));
        string Contains(string value) => $"custom @> {Add(new Dictionary<string, string> { [code] = value })}";
        return c.Op switch
        {
            FilterOp.Eq when field.Type is Grains.Interfaces.CustomFields.CustomFieldType.Number or Grains.Interfaces.CustomFields.CustomFieldType.Money =>
                $"{CustomFieldIndexes.RangeExpression(field)} = {Add(Number(f, c.Value))}",
            FilterOp.Eq => Contains(Canonical(c.Value)),
            // One containment per value (OR): each can use the GIN index, which an ANY over jsonb cannot.
            FilterOp.In => string.Join(" OR ", Many(f, c, Canonical).Select(Contains)),
            FilterOp.Contains => $"custom->>'{code}' ILIKE {Add(Like(Text(f, c.Value)))}",
            FilterOp.Range => CustomFieldIndexes.RangeExpression(field) is { } expression
                ? field.Type == Grains.Interfaces.CustomFields.CustomFieldType.Date ? Range(f, expression, c, v => Canonical(v)) : Range(f, expression, c, v => Number(f, v))
                : throw CrmException.Invalid("invalid_filter_operator", $"'{f.Label}' cannot be filtered by range.", $"filter.{f.Key}"),
            FilterOp.Empty => $"NOT custom ? '{code}'",
            FilterOp.NotEmpty => $"custom ? '{code}'",
            _ => throw CrmException.Invalid("invalid_filter_operator", $"'{f.Label}' cannot be filtered with '{c.Op}'.", $"filter.{f.Key}"),
        };
    }

    private string Range(ListField f, string col, FilterCondition c, Func<string, object> parse)
    {
        var from = string.IsNullOrWhiteSpace(c.From) ? null : parse(c.From);
        var to = string.IsNullOrWhiteSpace(c.To) ? null : parse(c.To);
        if (from is null && to is null)
            throw CrmException.Invalid("invalid_filter_value", $"A range of '{f.Label}' needs a 'from' or a 'to'.", $"filter.{f.Key}");
        return string.Join(" AND ", new[] { from is null ? null : $"{col} >= {Add(from)}", to is null ? null : $"{col} <= {Add(to)}" }.OfType<string>());
    }

    /// <summary>Whole days of a timestamp column, in UTC: "to" includes its day.</summary>
    private string Days(string col, DateOnly? from, DateOnly? to, ListField? f = null)
    {
        if (from is null && to is null)
            throw CrmException.Invalid("invalid_filter_value", $"A range of '{f?.Label}' needs a 'from' or a 'to'.", $"filter.{f?.Key}");
        return string.Join(" AND ", new[]
        {
            from is { } a ? $"{col} >= {Add(new DateTimeOffset(a.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))}" : null,
            to is { } b ? $"{col} < {Add(new DateTimeOffset(b.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))}" : null,
        }.OfType<string>());
    }

    private string Add(object value)
    {
        Parameters.Add(value switch
        {
            Dictionary<string, string> json => new NpgsqlParameter { Value = JsonSerializer.Serialize(json), NpgsqlDbType = NpgsqlDbType.Jsonb },
            string s => new NpgsqlParameter { Value = s, NpgsqlDbType = NpgsqlDbType.Text },
            string[] a => new NpgsqlParameter { Value = a, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            DateOnly d => new NpgsqlParameter { Value = d, NpgsqlDbType = NpgsqlDbType.Date },
            DateTimeOffset t => new NpgsqlParameter { Value = t.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            _ => new NpgsqlParameter { Value = value },
        });
        return $"${_firstParameter + Parameters.Count - 1}";
    }

    private static T[] Many<T>(ListField f, FilterCondition c, Func<string, T> parse)
    {
        var values = c.Values ?? (c.Value is null ? null : [c.Value]);
        if (values is not { Count: > 0 })
            throw CrmException.Invalid("invalid_filter_value", $"'{f.Label}' needs at least one value.", $"filter.{f.Key}");
        if (values.Count > MaxValues)
            throw CrmException.Invalid("invalid_filter_value", $"'{f.Label}' can be filtered by at most {MaxValues} values.", $"filter.{f.Key}");
        return values.Select(parse).Distinct().ToArray();
    }

    private static DateOnly? OptionalDate(ListField f, string? value) => string.IsNullOrWhiteSpace(value) ? null : Date(f, value);

    private static string Required(ListField f, string? value) => string.IsNullOrWhiteSpace(value)
        ? throw CrmException.Invalid("invalid_filter_value", $"The filter on '{f.Label}' needs a value.", $"filter.{f.Key}")
        : value.Trim();

    private static string Text(ListField f, string? value)
    {
        var text = Required(f, value);
        return text.Length <= MaxTextLength ? text
            : throw CrmException.Invalid("invalid_filter_value", $"A filter value can be at most {MaxTextLength} characters.", $"filter.{f.Key}");
    }

    /// <summary>A LIKE pattern matching the text anywhere; the user's % and _ match themselves.</summary>
    private static string Like(string text) => "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";

    private static string Phone(ListField f, string? value) =>
        ContactPoints.PhoneKey(Required(f, value)) ?? throw Bad(f, value, "a phone number");

    private static string Digits(ListField f, string? value)
    {
        var digits = new string(Required(f, value).Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 ? digits : throw Bad(f, value, "digits of a phone number");
    }

    private static long Long(ListField f, string? value) =>
        long.TryParse(Required(f, value), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Bad(f, value, "a whole number");

    private static int Int(ListField f, string? value) =>
        int.TryParse(Required(f, value), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw Bad(f, value, "a user id");

    private static decimal Number(ListField f, string? value) =>
        decimal.TryParse(Required(f, value), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : throw Bad(f, value, "a number");

    private static DateOnly Date(ListField f, string? value) =>
        DateOnly.TryParseExact(Required(f, value), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : throw Bad(f, value, "a date as yyyy-mm-dd");

    private static bool Bool(ListField f, string? value) => Required(f, value).ToLowerInvariant() switch
    {
        "true" or "yes" or "1" => true,
        "false" or "no" or "0" => false,
        _ => throw Bad(f, value, "true or false"),
    };

    private static string Checked(ListField f, Func<string> canonical)
    {
        try
        {
            return canonical();
        }
        catch (CrmException e)
        {
            throw CrmException.Invalid("invalid_filter_value", e.Message, $"filter.{f.Key}");
        }
    }

    private static CrmException Bad(ListField f, string? value, string expected) =>
        CrmException.Invalid("invalid_filter_value", $"The filter on '{f.Label}' needs {expected}; '{value}' is not.", $"filter.{f.Key}");
}
