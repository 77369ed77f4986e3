using Crm.Grains.CustomFields;
using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Grains.Automation;

/// <summary>
/// The fields robots of one record type ("deal" or "lead") may use: the standard ones, then the
/// portal's custom fields of that type. Codes are looked up ignoring case, so "{{Title}}" works as
/// "{{title}}"; checked robots carry the catalogue's spelling.
/// </summary>
public sealed class RobotFieldCatalogue
{
    public static readonly string[] RecordKinds = ["deal", "lead"];

    private readonly Dictionary<string, RobotField> _byCode;

    private RobotFieldCatalogue(string recordKind, IReadOnlyList<RobotField> fields)
    {
        RecordKind = recordKind;
        Fields = fields;
        _byCode = fields.ToDictionary(f => f.Code, StringComparer.OrdinalIgnoreCase);
    }

    public string RecordKind { get; }

    /// <summary>Standard fields first, then custom fields in the portal's order.</summary>
    public IReadOnlyList<RobotField> Fields { get; }

    public RobotField? Find(string? code) => code is not null && _byCode.TryGetValue(code.Trim(), out var field) ? field : null;

    /// <summary>The catalogue of <paramref name="recordKind"/>; custom fields of other record types are ignored.</summary>
    public static RobotFieldCatalogue For(string recordKind, IReadOnlyList<CustomField> custom)
    {
        var standard = recordKind switch
        {
            "deal" => RobotStandardFields.Deal,
            "lead" => RobotStandardFields.Lead,
            _ => throw new ArgumentException($"Robots work on deals and leads, not '{recordKind}'.", nameof(recordKind)),
        };
        return new RobotFieldCatalogue(recordKind, [.. standard, .. custom.Where(f => f.RecordKind == recordKind).Select(Of)]);
    }

    public static RobotFieldCatalogue Deal(IReadOnlyList<CustomField> custom) => For("deal", custom);

    public static RobotFieldCatalogue Lead(IReadOnlyList<CustomField> custom) => For("lead", custom);

    private static RobotField Of(CustomField field) => new(field.Code, field.Label, field.Type switch
    {
        CustomFieldType.Number => RobotFieldKind.Number,
        CustomFieldType.Money => RobotFieldKind.Money,
        CustomFieldType.Date => RobotFieldKind.Date,
        CustomFieldType.Boolean => RobotFieldKind.Boolean,
        CustomFieldType.List => RobotFieldKind.List,
        CustomFieldType.User => RobotFieldKind.User,
        _ => RobotFieldKind.Text,
    }, Writable: true, Required: field.Required, MaxLength: CustomValues.MaxStringLength, Custom: field);
}
