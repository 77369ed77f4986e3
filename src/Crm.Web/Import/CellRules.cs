namespace Crm.Web.Import;

/// <summary>
/// Checks every mapped cell before its value is used. A cell that a spreadsheet would run as a
/// formula is refused: imported records are exported and opened in spreadsheets again, and a value
/// such as =HYPERLINK(...) or @SUM(...) would then run on someone else's machine.
/// </summary>
public static class CellRules
{
    public const int MaxCellLength = 5_000;

    public static RowError? Check(string cell, string column)
    {
        if (cell.Length > MaxCellLength)
            return new RowError("cell_too_long", $"The value in column '{column}' has {cell.Length:N0} characters; at most {MaxCellLength:N0} are allowed.", column);
        if (IsFormula(cell))
            return new RowError("formula_payload",
                $"The value in column '{column}' starts like a spreadsheet formula ({cell.TrimStart()[0]}); formulas are not imported.", column);
        return null;
    }

    /// <summary>
    /// Starts (after spaces) with = or @, or with + or - followed by something other than a digit, a
    /// space or a bracket: "+1 555 0100", "+(44) 20" and "-5" pass, "+cmd|..." and "-A1+B1" do not.
    /// </summary>
    public static bool IsFormula(string cell)
    {
        var text = cell.AsSpan().Trim();
        if (text.Length == 0) return false;
        return text[0] switch
        {
            '=' or '@' => true,
            '+' or '-' => text.Length > 1 && !(char.IsAsciiDigit(text[1]) || text[1] is ' ' or '('),
            _ => false,
        };
    }
}
