namespace Crm.Web.Import;

/// <summary>
/// A CSV file as read for import: its column names (unique, never empty) and its non-blank rows.
/// Rows are numbered as a spreadsheet shows the file: the header is row 1, an empty line is a row,
/// and a record whose quoted cells hold line breaks is one row (a text editor shows more lines).
/// </summary>
public sealed record ImportFile(char Separator, IReadOnlyList<string> Headers, IReadOnlyList<ImportFileRow> Rows);

/// <summary>One data row: its number, its cells, and what the reader found wrong with it.</summary>
public sealed record ImportFileRow(int Row, IReadOnlyList<string> Cells, RowError? Problem = null)
{
    /// <summary>The cell of a column; a short row has empty cells at its end.</summary>
    public string Cell(int column) => column < Cells.Count ? Cells[column] : "";
}

/// <summary>Why a row cannot be imported: a stable code, a readable message and the column at fault (its header), if one is.</summary>
public sealed record RowError(string Code, string Message, string? Column = null);
