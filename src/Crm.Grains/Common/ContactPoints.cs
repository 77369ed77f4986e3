using System.Net.Mail;
using Crm.Grains.Interfaces.Common;

namespace Crm.Grains.Common;

/// <summary>
/// Checks and normalises phones and e-mails. Phones keep what the user typed (trimmed) but must
/// reduce to 5-15 digits (E.164's limit) with an optional leading +; <see cref="PhoneDigits"/> is the
/// form duplicates are matched on. E-mails must be one plain address with a dotted domain.
/// </summary>
public static class ContactPoints
{
    public const int MaxPerRecord = 20;
    private const int MaxValueLength = 100;
    private static readonly ContactPointType[] EmailTypes = [ContactPointType.Work, ContactPointType.Home, ContactPointType.Other];

    public static IReadOnlyList<ContactPoint> CheckPhones(IReadOnlyList<ContactPoint>? phones, string field = "phones") =>
        Check(phones, field, (value, index) =>
        {
            if (PhoneDigits(value) is null)
                throw CrmException.Invalid("invalid_phone",
                    $"'{value}' is not a phone number: use 5 to 15 digits, optionally starting with +, with spaces, dots, dashes or brackets between them.", $"{field}[{index}].value");
            return value;
        }, Enum.GetValues<ContactPointType>());

    public static IReadOnlyList<ContactPoint> CheckEmails(IReadOnlyList<ContactPoint>? emails, string field = "emails") =>
        Check(emails, field, (value, index) => NormalEmail(value)
            ?? throw CrmException.Invalid("invalid_email", $"'{value}' is not an e-mail address.", $"{field}[{index}].value"), EmailTypes);

    /// <summary>The digits of a phone number with a leading + kept, or null when it is not one.</summary>
    public static string? PhoneDigits(string value)
    {
        var text = value.Trim();
        var plus = text.StartsWith('+');
        var digits = new System.Text.StringBuilder();
        foreach (var c in plus ? text[1..] : text)
        {
            if (char.IsAsciiDigit(c)) digits.Append(c);
            else if (c is not (' ' or '-' or '.' or '(' or ')')) return null;
        }
        return digits.Length is >= 5 and <= 15 ? (plus ? "+" : "") + digits : null;
    }

    /// <summary>Digits a phone number is matched on for duplicates and filters.</summary>
    public const int MatchDigits = 8;

    /// <summary>
    /// What two forms of one number have in common: its last <see cref="MatchDigits"/> digits. The
    /// international "+386 1 234 5678", "00386 1 234 5678" and the national "01 234 5678" all end in
    /// 12345678, while country and trunk prefixes differ (null when it is not a phone number).
    /// </summary>
    public static string? PhoneKey(string value) =>
        PhoneDigits(value)?.TrimStart('+') is { } digits ? digits.Length <= MatchDigits ? digits : digits[^MatchDigits..] : null;

    /// <summary>The address lower-cased, or null when it is not a plain e-mail address.</summary>
    public static string? NormalEmail(string value)
    {
        var text = value.Trim();
        if (text.Length is 0 or > MaxValueLength || text.Contains(' ') || !MailAddress.TryCreate(text, out var address)
            || address.Address != text || address.DisplayName.Length > 0)
            return null;
        var host = address.Host;
        return host.Contains('.') && !host.StartsWith('.') && !host.EndsWith('.') ? text.ToLowerInvariant() : null;
    }

    private static IReadOnlyList<ContactPoint> Check(IReadOnlyList<ContactPoint>? points, string field, Func<string, int, string> checkValue, ContactPointType[] types)
    {
        if (points is null || points.Count == 0) return [];
        if (points.Count > MaxPerRecord)
            throw CrmException.Invalid("too_many_values", $"At most {MaxPerRecord} values are allowed.", field);
        var result = new List<ContactPoint>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var value = points[i].Value?.Trim() ?? "";
            if (value.Length == 0 || value.Length > MaxValueLength)
                throw CrmException.Invalid("invalid_value", $"Each value must have 1 to {MaxValueLength} characters.", $"{field}[{i}].value");
            if (!types.Contains(points[i].Type))
                throw CrmException.Invalid("invalid_type",
                    $"'{points[i].Type}' is not a type for {field}; use {string.Join(", ", types.Select(t => t.ToString().ToLowerInvariant()))}.", $"{field}[{i}].type");
            result.Add(new ContactPoint(checkValue(value, i), points[i].Type));
        }
        return result;
    }
}
