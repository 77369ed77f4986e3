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
}

/// <summary>
/// One field of a record type that a CSV column can fill. <see cref="Key"/> is the field's API name
/// (the name the record's rules report errors with); <see cref="Headers"/> are other column names
/// that suggest it, such as Bitrix24's export headers.
/// </summary>
public sealed record ImportField(string Key, string Label, ImportValue Value, IReadOnlyList<string> Headers, ContactPointType? PointType = null)
{
    /// <summary>Phones and e-mails: several columns may add to the same list.</summary>
    public bool Repeatable => Value is ImportValue.Phone or ImportValue.Email;
}

/// <summary>The fields of one record type, and those of which a file must map at least one.</summary>
public sealed record ImportFieldSet(ImportKind Kind, string RecordName, IReadOnlyList<ImportField> Fields, IReadOnlyList<string> NeedsOneOf)
{
    public ImportField? Find(string key) => Fields.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));
}
