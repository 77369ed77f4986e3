namespace Crm.Web.Import;

/// <summary>The record types a CSV file can be imported into; the API names them in the path (/api/import/leads).</summary>
public enum ImportKind
{
    Leads,
    Contacts,
    Companies,
}

/// <summary>What to do with a row that matches an existing record (or an earlier row) by phone, e-mail or name.</summary>
public enum DuplicateMode
{
    /// <summary>Leave the existing record alone; the row is reported as skipped.</summary>
    Skip,
    /// <summary>Fill the existing record's empty fields from the row and add its new phones and e-mails.</summary>
    Merge,
    /// <summary>Create the record anyway; the row is reported as a possible duplicate.</summary>
    Create,
}

/// <summary>The names the API and the page use for kinds and modes.</summary>
public static class ImportNames
{
    public static ImportKind Kind(string value) =>
        Enum.TryParse<ImportKind>(value, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(value, out _)
            ? kind
            : throw CrmException.NotFound("unknown_import_kind", $"'{value}' cannot be imported; use leads, contacts or companies.");

    public static DuplicateMode Mode(string? value) =>
        string.IsNullOrWhiteSpace(value) ? DuplicateMode.Skip
        : Enum.TryParse<DuplicateMode>(value.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(value, out _)
            ? mode
            : throw CrmException.Invalid("invalid_duplicate_mode", $"'{value}' is not a duplicate mode; use skip, merge or create.", "duplicates");

    /// <summary>"leads", as in the API's paths.</summary>
    public static string Path(ImportKind kind) => kind.ToString().ToLowerInvariant();
}
