namespace Crm.Web.Import;

/// <summary>What became of a row: in a check (ok, duplicate, error) or in an import (the rest).</summary>
public enum RowOutcome
{
    /// <summary>Check: the row would be imported as a new record.</summary>
    Ok,
    /// <summary>Check: the row matches an existing record or an earlier row.</summary>
    Duplicate,
    /// <summary>The row breaks a rule; nothing was written for it.</summary>
    Error,
    Created,
    Merged,
    Skipped,
    /// <summary>The import was cancelled before the row's turn.</summary>
    NotImported,
}

/// <summary>A record (#id) or an earlier row of the same file that a row may duplicate, and what matched.</summary>
public sealed record DuplicateOf(long? RecordId, int? Row, string MatchedBy)
{
    public string Describe() => (RecordId, Row) switch
    {
        ({ } id, { } row) => $"#{id} (row {row}, same {Matched})",
        ({ } id, null) => $"#{id} (same {Matched})",
        _ => $"row {Row} (same {Matched})",
    };

    private string Matched => MatchedBy == "email" ? "e-mail" : MatchedBy;
}

/// <summary>
/// The report line of one row: its file line, what became of it, a readable message, the record it
/// created or merged into, and for errors the code and the column at fault.
/// </summary>
public sealed record RowResult(int Row, RowOutcome Outcome, string Message, long? RecordId = null, string? Code = null,
    string? Column = null, DuplicateOf? Duplicate = null)
{
    public static RowResult Failed(int row, RowError error) => new(row, RowOutcome.Error, error.Message, Code: error.Code, Column: error.Column);
}
