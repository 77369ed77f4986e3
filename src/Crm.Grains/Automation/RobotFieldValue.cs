namespace Crm.Grains.Automation;

/// <summary>
/// The value a SetField robot writes, read from its canonical text for the field's kind: text fields
/// take the rendered template, numbers and dates their text, custom fields stay text for the custom
/// field check. The record's own rules check the result as for any edit.
/// </summary>
public static class RobotFieldValue
{
    public static decimal Number(RobotField field, string value) =>
        value.Length == 0 ? 0 :
        RobotValueText.TryNumber(field.Kind, value, out var n) ? n : throw Bad(field, value, "a number");

    public static DateOnly? Date(RobotField field, string value) =>
        value.Length == 0 ? null :
        RobotValueText.TryDate(value, out var d) ? d : throw Bad(field, value, "a date (yyyy-MM-dd)");

    /// <summary>The custom values with <paramref name="field"/> set (an empty value clears it).</summary>
    public static IReadOnlyDictionary<string, string> Custom(IReadOnlyDictionary<string, string>? custom, RobotField field, string value)
    {
        var values = new Dictionary<string, string>(custom ?? new Dictionary<string, string>());
        if (value.Length == 0) values.Remove(field.Code);
        else values[field.Code] = value;
        return values;
    }

    /// <summary>The text to write: a template rendered for text fields, the stored value as it is for others.</summary>
    public static string Text(RobotField field, string? value, RobotRecordView view) =>
        (field.Kind == RobotFieldKind.Text ? view.Render(value) : value ?? "").Trim();

    public static CrmException NotWritable(string? code) =>
        CrmException.Invalid("field_not_writable", $"the field {code} cannot be changed by a robot", "settings.fieldCode");

    private static CrmException Bad(RobotField field, string value, string what) =>
        CrmException.Invalid("invalid_value", $"'{value}' is not {what} for {field.Label}", "settings.value");
}
