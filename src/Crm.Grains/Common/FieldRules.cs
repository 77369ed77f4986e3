using Crm.Grains.Deals;
using Crm.Grains.Interfaces.Common;

namespace Crm.Grains.Common;

/// <summary>Checks of fields that deals, leads and the other records share; each returns the value normalised.</summary>
public static class FieldRules
{
    public const int MaxCommentsLength = 20_000;
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;

    public static decimal Amount(decimal amount, string field = "amount")
    {
        if (amount < 0)
            throw CrmException.Invalid("negative_amount", $"The {field} cannot be negative.", field);
        if (amount > MaxAmount)
            throw CrmException.Invalid("amount_too_large", $"The {field} is too large.", field);
        if (amount.Scale > 2 && decimal.Round(amount, 2) != amount)
            throw CrmException.Invalid("amount_precision", $"The {field} can have at most two decimal places.", field);
        return decimal.Round(amount, 2);
    }

    public static string Currency(string? currency)
    {
        var code = currency?.Trim().ToUpperInvariant() ?? "";
        return Currencies.Known.Contains(code) ? code : throw CrmException.Invalid("unknown_currency", $"'{currency}' is not a known currency code.", "currency");
    }

    public static int Responsible(int userId, string record) =>
        userId > 0 ? userId : throw CrmException.Invalid("responsible_required", $"A {record} needs a responsible user.", "responsibleId");

    public static string Comments(string? comments)
    {
        var text = comments ?? "";
        return text.Length <= MaxCommentsLength ? text : throw CrmException.Invalid("comments_too_long", $"Comments can be at most {MaxCommentsLength} characters.", "comments");
    }

    /// <summary>Trimmed single-line text of at most <paramref name="max"/> characters.</summary>
    public static string Text(string? value, string field, int max)
    {
        var text = value?.Trim() ?? "";
        if (text.Length > max)
            throw CrmException.Invalid($"{field.Replace('.', '_')}_too_long", $"'{field}' can be at most {max} characters.", field);
        // Names and titles are one line: a line break (say from a quoted CSV cell) would break lists and exports.
        if (text.Any(char.IsControl))
            throw CrmException.Invalid($"{field.Replace('.', '_')}_not_single_line", $"'{field}' must be a single line without control characters.", field);
        return text;
    }

    /// <summary>An optional value of a portal selection list, upper-cased; empty stays empty.</summary>
    public static string ListValue(string? value, IReadOnlyList<Interfaces.Settings.ListItem> list, string field, string code)
    {
        var id = value?.Trim().ToUpperInvariant() ?? "";
        return id.Length == 0 || list.Any(i => i.Id == id) ? id
            : throw CrmException.Invalid(code, $"'{value}' is not in this portal's list; use one of {string.Join(", ", list.Select(i => i.Id))}.", field);
    }

    public static Address Address(Address? address)
    {
        var a = address ?? new Address();
        return new Address(Text(a.Street, "address.street", 255), Text(a.City, "address.city", 100), Text(a.PostalCode, "address.postalCode", 20),
            Text(a.Region, "address.region", 100), Text(a.Country, "address.country", 100));
    }
}
