using System.Globalization;
using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Web.Components.Shared;

/// <summary>
/// Between a custom field's canonical text (what records store) and what its input edits. Text that
/// does not parse reads as empty: the record's grain is the one that judges values.
/// </summary>
public static class CustomValueText
{
    public static decimal? Number(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static DateTime? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToDateTime(TimeOnly.MinValue) : null;

    public static string? Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"12.50|USD" as amount and currency.</summary>
    public static (decimal? Amount, string? Currency) Money(string? text) =>
        text?.Split('|') is [var amount, var currency] ? (Number(amount), currency) : (null, null);

    /// <summary>No amount, no value: a currency alone means nothing.</summary>
    public static string? Money(decimal? amount, string currency) =>
        amount is { } a ? $"{a.ToString("0.00", CultureInfo.InvariantCulture)}|{currency}" : null;

    /// <summary>
    /// What a form sends: the values of the fields it showed. A field deleted since the record was
    /// saved is unknown to the record's grain, which would refuse the whole edit for it.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? ToSave(IReadOnlyDictionary<string, string> values, IReadOnlyList<CustomField> fields)
    {
        var kept = values.Where(v => fields.Any(f => f.Code == v.Key)).ToDictionary(v => v.Key, v => v.Value);
        return kept.Count == 0 ? null : kept;
    }
}
