namespace Crm.Web.Export;

/// <summary>
/// Keeps exported text from being run as a spreadsheet formula (CSV/formula injection, DDE): a text
/// that starts with a character a spreadsheet reads as the start of a formula gets a leading
/// apostrophe, the usual "this is text" marker. Only text goes through here; numbers, booleans and
/// dates are written as typed values, so a negative amount stays a number.
/// </summary>
public static class FormulaGuard
{
    /// <summary>The characters of the OWASP CSV injection guidance, plus NUL (OWASP ASVS 1.2.10).</summary>
    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r', '\0'];

    public const char Marker = '\'';

    public static string Neutralise(string text) =>
        text.Length > 0 && Array.IndexOf(Triggers, text[0]) >= 0 ? Marker + text : text;
}
