using System.Globalization;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Grains.CustomFields;

/// <summary>
/// Checks a record's custom field values against the portal's fields of its type and returns them
/// in canonical text (see <see cref="CustomField"/>); empty values are dropped. User fields come
/// back in <c>Users</c> for the grain to check against the user directory.
/// </summary>
public static class CustomValues
{
    public const int MaxStringLength = 2_000;

    public static (IReadOnlyDictionary<string, string>? Values, IReadOnlyList<int> Users) Check(
        IReadOnlyDictionary<string, string>? values, IReadOnlyList<CustomField> fields)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var users = new List<int>();
        foreach (var (code, raw) in values ?? new Dictionary<string, string>())
        {
            var field = fields.FirstOrDefault(f => f.Code == code)
                ?? throw CrmException.Invalid("unknown_custom_field", $"'{code}' is not a custom field of this record type.", $"custom.{code}");
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var value = Canonical(field, raw.Trim());
            if (field.Type == CustomFieldType.User) users.Add(int.Parse(value, CultureInfo.InvariantCulture));
            result[code] = value;
        }
        if (MissingRequired(result, fields) is { } missing)
            throw CrmException.Invalid("custom_field_required", $"'{missing.Label}' is required.", $"custom.{missing.Code}");
        return (result.Count == 0 ? null : result, users);
    }

    /// <summary>The first required field that <paramref name="values"/> (canonical, empty ones dropped) leaves out, if any.</summary>
    public static CustomField? MissingRequired(IReadOnlyDictionary<string, string>? values, IReadOnlyList<CustomField> fields) =>
        fields.FirstOrDefault(f => f.Required && (values is null || !values.ContainsKey(f.Code)));

    /// <summary>The canonical text of one value, or a clear error naming the field.</summary>
    public static string Canonical(CustomField field, string value)
    {
        var name = $"custom.{field.Code}";
        CrmException Bad(string expected) => CrmException.Invalid("invalid_custom_value", $"'{field.Label}' must be {expected}; '{Shorten(value)}' is not.", name);
        switch (field.Type)
        {
            case CustomFieldType.String:
                return FieldRules.Text(value, name, MaxStringLength);
            case CustomFieldType.Number:
                return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                    ? n.ToString(CultureInfo.InvariantCulture) : throw Bad("a number such as 12.5");
            case CustomFieldType.Date:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : throw Bad("a date as yyyy-mm-dd");
            case CustomFieldType.Boolean:
                return value.ToLowerInvariant() switch
                {
                    "true" or "y" or "yes" or "1" => "true",
                    "false" or "n" or "no" or "0" => "false",
                    _ => throw Bad("yes or no"),
                };
            case CustomFieldType.List:
                var item = field.Items?.FirstOrDefault(i => i.Id == value || string.Equals(i.Name, value, StringComparison.OrdinalIgnoreCase));
                return item?.Id ?? throw CrmException.Invalid("unknown_custom_value",
                    $"'{Shorten(value)}' is not an item of '{field.Label}'; use one of {string.Join(", ", (field.Items ?? []).Select(i => i.Name))}.", name);
            case CustomFieldType.Money:
                var parts = value.Split('|');
                if (parts.Length != 2 || !decimal.TryParse(parts[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                    throw Bad("an amount and currency such as 12.50|USD");
                return $"{FieldRules.Amount(amount, name).ToString("0.00", CultureInfo.InvariantCulture)}|{FieldRules.Currency(parts[1])}";
            case CustomFieldType.Url:
                return value.Length <= MaxStringLength && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                    ? uri.AbsoluteUri : throw Bad("an http or https address");
            case CustomFieldType.User:
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var user) && user > 0
                    ? user.ToString(CultureInfo.InvariantCulture) : throw Bad("a user id");
            default:
                throw Bad("a known type");
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
