using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Grains.Automation;

/// <summary>
/// A field of a record that robots may read (conditions, templates, AtField timing) and, when
/// <see cref="Writable"/>, change with SetField. <see cref="Custom"/> is the portal's definition for
/// custom fields (its value check and list items).
/// </summary>
public sealed record RobotField(
    string Code,
    string Label,
    RobotFieldKind Kind,
    bool Writable = false,
    bool Required = false,
    int MaxLength = 255,
    bool MultiLine = false,
    CustomField? Custom = null)
{
    /// <summary>How condition reasons name the field: the code for standard fields (readable words), the label for custom ones (UF_CRM_n is not).</summary>
    public string ReasonName => Custom is null ? Code : Label;

    public bool IsDate => Kind is RobotFieldKind.Date or RobotFieldKind.DateTime;
}
