using System.Globalization;
using Crm.Grains.CustomFields;
using Crm.Grains.Deals;
using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Web.Import;

/// <summary>
/// Custom field cells as people write them in spreadsheets, turned into the canonical text records
/// keep: numbers with a decimal comma, dates as dd.mm.yyyy, booleans as yes/no or Y/N, list items by
/// name, money as "12.50 USD" or a bare amount (in the default currency), users by name or e-mail.
/// Every value then passes <see cref="CustomValues.Canonical"/>, the check the record's grain runs,
/// so a row the dry run accepts is one the grain accepts.
/// </summary>
public static class CustomCells
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"];

    /// <summary>The row's custom values by code, empty cells left out; null when there are none.</summary>
    public static IReadOnlyDictionary<string, string>? Values(RowValues values, ImportContext context)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, cell) in values.Custom)
        {
            var text = cell.Trim();
            if (text.Length > 0) result[field.Code] = CustomValues.Canonical(field, Read(field, text, context));
        }
        return result.Count == 0 ? null : result;
    }

    /// <summary>The cell in the form <see cref="CustomValues.Canonical"/> takes; throws naming the field when it cannot be read.</summary>
    private static string Read(CustomField field, string text, ImportContext context) => field.Type switch
    {
        CustomFieldType.Number => ImportValues.ParseNumber(text)?.ToString(CultureInfo.InvariantCulture)
            ?? throw Bad(field, text, "a number such as 12.5 or 12,5"),
        CustomFieldType.Date => DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : throw Bad(field, text, "a date as yyyy-mm-dd or dd.mm.yyyy"),
        CustomFieldType.Money => Money(field, text),
        CustomFieldType.User => ImportValues.User(text, context)?.Id.ToString(CultureInfo.InvariantCulture)
            ?? throw CrmException.Invalid("unknown_user",
                $"'{Shorten(text)}' in '{field.Label}' is not an active user of this portal (use a user's name, e-mail or id).", Name(field)),
        // Text, links, yes/no and list items (by name or id) are read by the canonical check as they are.
        _ => text,
    };

    /// <summary>"12.50 USD", "USD 12.50", "12.50|USD" or "12,50" (the default currency).</summary>
    private static string Money(CustomField field, string text)
    {
        var parts = text.Replace('|', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (amount, currency) = parts switch
        {
            [.. var rest, var last] when rest.Length > 0 && IsCurrency(last) => (string.Join(' ', rest), last),
            [var first, .. var rest] when rest.Length > 0 && IsCurrency(first) => (string.Join(' ', rest), first),
            _ => (text, Currencies.Default),
        };
        // Checked here too: the grain's own errors name the record's amount and currency fields, not this column.
        if (!Currencies.Known.Contains(currency.ToUpperInvariant()))
            throw CrmException.Invalid("invalid_custom_value", $"'{field.Label}' has an unknown currency '{currency}'; use a code such as USD or EUR.", Name(field));
        return ImportValues.ParseNumber(amount) is { } value && value >= 0
            ? $"{value.ToString(CultureInfo.InvariantCulture)}|{currency}"
            : throw Bad(field, text, $"an amount (not negative) with its currency such as 12.50 USD, or an amount alone in {Currencies.Default}");
    }

    private static bool IsCurrency(string token) => token.Length == 3 && token.All(char.IsAsciiLetter);

    private static CrmException Bad(CustomField field, string text, string expected) =>
        CrmException.Invalid("invalid_custom_value", $"'{field.Label}' must be {expected}; '{Shorten(text)}' is not.", Name(field));

    private static string Name(CustomField field) => $"custom.{field.Code}";

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
