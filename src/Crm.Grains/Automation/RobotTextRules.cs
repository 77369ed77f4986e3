namespace Crm.Grains.Automation;

/// <summary>Checks of the texts robots hold: required, bounded, one line where it must be, and only known template variables.</summary>
public static class RobotTextRules
{
    /// <summary>The trimmed text; refused when missing (<paramref name="required"/>), too long, broken over lines, or naming an unknown variable. Null when optional and empty.</summary>
    public static string? Template(string? text, string field, int max, bool multiLine, bool required, RobotFieldCatalogue catalogue)
    {
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
            return required ? throw CrmException.Invalid("setting_required", $"'{field}' is required for this action.", field) : null;
        if (value.Length > max)
            throw CrmException.Invalid("text_too_long", $"'{field}' can be at most {max} characters.", field);
        // Subjects and titles are one line; bodies and comments may have line breaks and tabs.
        if (value.Any(c => char.IsControl(c) && (!multiLine || c is not ('\n' or '\r' or '\t'))))
            throw CrmException.Invalid("text_not_single_line", $"'{field}' must be a single line without control characters.", field);
        if (RobotTemplate.FirstUnknown(value, catalogue) is { } unknown)
            throw CrmException.Invalid("unknown_template_variable",
                $"'{field}' uses {{{{{unknown}}}}}, which is not a {catalogue.RecordKind} field; use a field code such as {{{{title}}}}.", field);
        return value;
    }
}
