using System.Globalization;
using Crm.Grains.CustomFields;
using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Grains.Leads;

/// <summary>
/// The custom values of the records a conversion creates. Custom fields belong to one record type
/// (a contact's UF_CRM_5 is no deal's), so the lead supplies none of them: the request gives each
/// target's values, checked against that target's fields before anything is created. Errors name
/// the target and the request's member ("dealCustom.UF_CRM_5"), so the user knows where to fill in.
/// </summary>
public static class ConversionCustom
{
    private const string Prefix = "custom.";

    /// <summary>A target's values ("contact", "company", "deal") in canonical text, or a clear error naming the target and the field.</summary>
    public static IReadOnlyDictionary<string, string>? Check(string target, IReadOnlyDictionary<string, string>? values, IReadOnlyList<CustomField> fields)
    {
        var own = fields.Where(f => f.RecordKind == target).ToList();
        try
        {
            return CustomValues.Check(values, own).Values;
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.Invalid)
        {
            var code = e.Field is { } f && f.StartsWith(Prefix, StringComparison.Ordinal) ? f[Prefix.Length..] : null;
            var member = code is null ? $"{target}Custom" : Member(target, code);
            throw own.FirstOrDefault(x => x.Code == code) is { } field && e.Code == "custom_field_required"
                ? CrmException.Invalid(e.Code, $"The new {target} needs '{field.Label}' ({field.Code}), which the lead cannot supply: give it for the {target}.", member)
                : CrmException.Invalid(e.Code, $"The new {target}: {e.Message}", member);
        }
    }

    /// <summary>The user ids the plan's custom values name, with their target, for the grain to check against the user directory.</summary>
    public static IEnumerable<(string Target, int UserId)> Users(LeadConversionPlan plan, IReadOnlyList<CustomField> fields)
    {
        foreach (var (target, values) in new[] { ("contact", plan.Contact?.Custom), ("company", plan.Company?.Custom), ("deal", plan.Deal?.Custom) })
            foreach (var (code, value) in values ?? new Dictionary<string, string>())
                if (fields.Any(f => f.RecordKind == target && f.Code == code && f.Type == CustomFieldType.User))
                    yield return (target, int.Parse(value, CultureInfo.InvariantCulture));
    }

    /// <summary>"dealCustom.UF_CRM_5": where the request gives the value.</summary>
    public static string Member(string target, string code) => $"{target}Custom.{code}";
}
