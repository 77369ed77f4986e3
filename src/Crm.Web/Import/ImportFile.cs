namespace Crm.Web.Import;

/// <summary>
/// A CSV file as read for import: its column names (unique, never empty) and its non-blank rows.
/// Row numbers are the file's line numbers (the header is line 1), which is what a text editor
/// shows and what a spreadsheet shows when no cell holds a line break.
/// </summary>
public sealed record ImportFile(char Separator, IReadOnlyList<string> Headers, IReadOnlyList<ImportFileRow> Rows);

/// <summary>One data row: the line it starts on, its cells, and what the reader found wrong with it.</summary>
public sealed record ImportFileRow(int Line, IReadOnlyList<string> Cells, RowError? Problem = null)
{
    /// <summary>The cell of a column; a short row has empty cells at its end.</summary>
    public string Cell(int column) => column < Cells.Count ? Cells[column] : "";
}

/// <summary>Why a row cannot be imported: a stable code, a readable message and the column at fault (its header), if one is.</summary>
public sealed record RowError(string Code, string Message, string? Column = null);
