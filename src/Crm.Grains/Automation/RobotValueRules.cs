using System.Globalization;
using Crm.Grains.Common;
using Crm.Grains.CustomFields;

namespace Crm.Grains.Automation;

/// <summary>Checks the values robots compare with (conditions) and write (SetField) against the field's kind, returning canonical text.</summary>
public static class RobotValueRules
{
    /// <summary>The canonical text of a value a condition compares <paramref name="field"/> with.</summary>
    public static string ConditionValue(RobotField field, string? raw, string at)
    {
        var value = raw?.Trim() ?? "";
        if (value.Length == 0)
            throw CrmException.Invalid("condition_value_required", $"The condition on {field.Code} needs a value.", at);
        CrmException Bad(string expected) =>
            CrmException.Invalid("invalid_condition_value", $"{field.Code} is compared with {expected}; '{Shorten(value)}' is not.", at);
        switch (field.Kind)
        {
            case RobotFieldKind.Number or RobotFieldKind.Money:
                return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                    ? n.ToString(CultureInfo.InvariantCulture) : throw Bad("a number such as 1000.50");
            case RobotFieldKind.Date:
                return RobotValueText.TryDate(value, out _) ? value : throw Bad("a date as yyyy-mm-dd");
            case RobotFieldKind.DateTime:
                return RobotValueText.TryInstant(value, out var t) ? RobotFieldValues.Instant(t) : throw Bad("a date and time such as 2026-05-01T09:00:00Z");
            case RobotFieldKind.Boolean:
                return RobotValueText.TryBoolean(value, out var b) ? (b ? "true" : "false") : throw Bad("yes or no");
            case RobotFieldKind.User:
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var user) && user > 0
                    ? user.ToString(CultureInfo.InvariantCulture) : throw Bad("a user id");
            case RobotFieldKind.List when field.Custom?.Items is { } items:
                return items.FirstOrDefault(i => i.Id == value || string.Equals(i.Name, value, StringComparison.OrdinalIgnoreCase))?.Id
                    ?? throw Bad($"one of {string.Join(", ", items.Select(i => i.Name))}");
            default:
                return value.Length <= RobotLimits.MaxConditionTextLength ? value : throw Bad($"a text of at most {RobotLimits.MaxConditionTextLength} characters");
        }
    }

    /// <summary>
    /// The canonical text a SetField robot writes to <paramref name="field"/>; "" clears it. Text
    /// fields take a template; other kinds a literal, checked as the record's own rules would.
    /// </summary>
    public static string FieldValue(RobotField field, string? raw, RobotFieldCatalogue catalogue, string at)
    {
        var value = raw?.Trim() ?? "";
        if (value.Length == 0)
            return field.Required ? throw CrmException.Invalid("field_value_required", $"{field.Code} cannot be cleared.", at) : "";
        try
        {
            if (field.Code == "currency" && field.Custom is null)
                return FieldRules.Currency(value);
            // A custom text without variables is checked now (a URL field must hold a URL); with variables, when written.
            if (field.Kind == RobotFieldKind.Text && (field.Custom is null || RobotTemplate.Variables(value).Count > 0))
                return RobotTextRules.Template(value, at, field.MaxLength, field.MultiLine, required: true, catalogue)!;
            if (field.Custom is { } custom)
                return CustomValues.Canonical(custom, value);
            return field.Kind switch
            {
                RobotFieldKind.Number => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                    ? FieldRules.Amount(n, at).ToString(CultureInfo.InvariantCulture) : throw Bad(field, value, "a number such as 1000.50", at),
                RobotFieldKind.Date => RobotValueText.TryDate(value, out _) ? value : throw Bad(field, value, "a date as yyyy-mm-dd", at),
                // A standard list (a lead source): its items are the portal's, checked when the robot writes it; ids are upper-case.
                RobotFieldKind.List => value.Length <= field.MaxLength && !value.Any(char.IsControl)
                    ? value.ToUpperInvariant() : throw Bad(field, value, "a list item id", at),
                _ => throw Bad(field, value, "a value robots can write", at),
            };
        }
        catch (CrmException e) when (e.Field != at)
        {
            // The record's own checks name their own field; the robot's input is settings.value.
            throw CrmException.Invalid("invalid_field_value", $"{field.Code}: {e.Message}", at);
        }
    }

    private static CrmException Bad(RobotField field, string value, string expected, string at) =>
        CrmException.Invalid("invalid_field_value", $"{field.Code} must be {expected}; '{Shorten(value)}' is not.", at);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
