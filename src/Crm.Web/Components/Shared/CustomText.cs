using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Web.Components.Shared;

/// <summary>How a custom field's canonical value reads in lists and exports.</summary>
public static class CustomText
{
    public static string Of(CustomField field, IReadOnlyDictionary<string, string>? values, UserNames? users = null)
    {
        if (values?.GetValueOrDefault(field.Code) is not { } value) return "";
        return field.Type switch
        {
            CustomFieldType.List => field.Items?.FirstOrDefault(i => i.Id == value)?.Name ?? value,
            CustomFieldType.Boolean => value == "true" ? "Yes" : "No",
            CustomFieldType.Money => value.Replace('|', ' '),
            CustomFieldType.User when users is not null && int.TryParse(value, out var id) => users[id],
            _ => value,
        };
    }
}
