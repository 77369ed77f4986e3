using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Web.Import;

/// <summary>How a cell's text becomes a field value.</summary>
public enum ImportValue
{
    /// <summary>One line of text (names, titles); line breaks are refused by the record's rules.</summary>
    Text,
    /// <summary>Text that may span lines (comments).</summary>
    MultiLineText,
    /// <summary>A decimal number (amount, revenue).</summary>
    Number,
    /// <summary>A value of one of the portal's selection lists, by id or by name.</summary>
    Choice,
    /// <summary>A user of the portal, by id, e-mail or name.</summary>
    User,
    /// <summary>One or more phone numbers (separated by , or ;) of the field's type.</summary>
    Phone,
    /// <summary>One or more e-mail addresses (separated by , or ;) of the field's type.</summary>
    Email,
    /// <summary>A custom field of the portal, read by its type (see <see cref="CustomCells"/>).</summary>
    Custom,
}

/// <summary>
/// One field of a record type that a CSV column can fill. <see cref="Key"/> is the field's API name
/// (the name the record's rules report errors with); <see cref="Headers"/> are other column names
/// that suggest it, such as Bitrix24's export headers. A custom field's key is its code (UF_CRM_n),
/// as in the records' <c>custom</c> values; <see cref="Custom"/> is its definition.
/// </summary>
public sealed record ImportField(string Key, string Label, ImportValue Value, IReadOnlyList<string> Headers, ContactPointType? PointType = null,
    CustomField? Custom = null)
{
    private const string CustomPrefix = "custom.";

    /// <summary>Phones and e-mails: several columns may add to the same list.</summary>
    public bool Repeatable => Value is ImportValue.Phone or ImportValue.Email;

    public static ImportField Of(CustomField field) => new(field.Code, field.Label, ImportValue.Custom, [], Custom: field);

    /// <summary>The key of the field a rule's error names: "custom.UF_CRM_3" (as the grains name custom values) is UF_CRM_3.</summary>
    public static string KeyOf(string ruleField) =>
        ruleField.StartsWith(CustomPrefix, StringComparison.Ordinal) ? ruleField[CustomPrefix.Length..] : ruleField;
}

/// <summary>The fields of one record type, and those of which a file must map at least one.</summary>
public sealed record ImportFieldSet(ImportKind Kind, string RecordName, IReadOnlyList<ImportField> Fields, IReadOnlyList<string> NeedsOneOf)
{
    /// <summary>
    /// The field with this key, else the one with this label, case ignored. Custom fields are known to
    /// users by their labels (standard ones by their keys), so a custom label wins over a standard
    /// field's same label: a contact's custom "Region" over the address's region.
    /// </summary>
    public ImportField? Find(string key) =>
        Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase))
        ?? Fields.OrderBy(f => f.Custom is null).FirstOrDefault(f => string.Equals(f.Label, key, StringComparison.OrdinalIgnoreCase));
}
