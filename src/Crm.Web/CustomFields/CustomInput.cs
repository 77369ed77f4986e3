using System.Text.Json;

namespace Crm.Web.CustomFields;

/// <summary>Custom field values as API clients send them (strings, numbers or booleans) turned into the text the grains check.</summary>
public static class CustomInput
{
    /// <param name="member">The request member holding the values, named by errors ("dealCustom.UF_CRM_3").</param>
    public static IReadOnlyDictionary<string, string>? Text(IReadOnlyDictionary<string, JsonElement>? values, string member = "custom") =>
        values?.ToDictionary(v => v.Key, v => v.Value.ValueKind switch
        {
            JsonValueKind.String => v.Value.GetString() ?? "",
            JsonValueKind.Number => v.Value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => throw CrmException.Invalid("invalid_custom_value", $"The value of '{v.Key}' must be text, a number or true/false.", $"{member}.{v.Key}"),
        });
}
