using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Web.Components.Shared;

/// <summary>How custom fields and their canonical values read in the UI.</summary>
public static class CustomFieldText
{
    public static string TypeName(CustomFieldType type) => type switch
    {
        CustomFieldType.String => "Text",
        CustomFieldType.Boolean => "Yes / no",
        CustomFieldType.Url => "Link",
        _ => type.ToString(),
    };

    /// <summary>A stored value as a reader understands it: list items and users by name, money with a space.</summary>
    public static string Value(CustomField field, string value, UserNames users) => field.Type switch
    {
        CustomFieldType.List => field.Items?.FirstOrDefault(i => i.Id == value)?.Name ?? value,
        CustomFieldType.User => int.TryParse(value, out var id) ? users[id] : value,
        CustomFieldType.Money => value.Replace('|', ' '),
        CustomFieldType.Boolean => value == "true" ? "yes" : value == "false" ? "no" : value,
        _ => value,
    };
}
