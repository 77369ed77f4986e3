using System.Globalization;

namespace Crm.Grains.Automation;

/// <summary>Reads canonical value text by field kind, for comparing (conditions) and placing in time (AtField).</summary>
public static class RobotValueText
{
    public static bool TryNumber(RobotFieldKind kind, string text, out decimal number)
    {
        // A money value is "amount|currency"; comparisons use the amount.
        var amount = kind == RobotFieldKind.Money && text.IndexOf('|') is var bar and >= 0 ? text[..bar] : text;
        return decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out number);
    }

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>An ISO 8601 instant; without an offset it is taken as UTC.</summary>
    public static bool TryInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);

    public static bool TryBoolean(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "1": value = true; return true;
            case "false" or "no" or "n" or "0": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>
    /// Orders two values of a field of <paramref name="kind"/>: numbers and money numerically, dates
    /// and instants in time, booleans false before true, anything else as text ignoring case. Null
    /// when either does not read as the kind.
    /// </summary>
    public static int? Compare(RobotFieldKind kind, string a, string b)
    {
        switch (kind)
        {
            case RobotFieldKind.Number or RobotFieldKind.Money:
                return TryNumber(kind, a, out var x) && TryNumber(kind, b, out var y) ? x.CompareTo(y) : null;
            case RobotFieldKind.Date:
                return TryDate(a, out var d1) && TryDate(b, out var d2) ? d1.CompareTo(d2) : null;
            case RobotFieldKind.DateTime:
                return TryInstant(a, out var t1) && TryInstant(b, out var t2) ? t1.CompareTo(t2) : null;
            case RobotFieldKind.Boolean:
                return TryBoolean(a, out var b1) && TryBoolean(b, out var b2) ? b1.CompareTo(b2) : null;
            default:
                return string.Compare(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>Whether the kind has an order beyond equality (the kinds Greater and Less fit).</summary>
    public static bool IsOrdered(RobotFieldKind kind) =>
        kind is RobotFieldKind.Number or RobotFieldKind.Money or RobotFieldKind.Date or RobotFieldKind.DateTime;
}
