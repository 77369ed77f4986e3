using System.Text;
using System.Text.RegularExpressions;

namespace Crm.Web.Export;

/// <summary>Makes any string safe to store as the text of an xlsx cell.</summary>
internal static partial class XlsxText
{
    /// <summary>Excel refuses longer cell texts.</summary>
    public const int MaxLength = 32_767;

    /// <summary>
    /// The text as a cell stores it: without characters XML 1.0 cannot carry (control characters other
    /// than tab and line breaks, lone surrogates, U+FFFE/U+FFFF), neutralised, with line breaks as
    /// Excel's in-cell break (LF; a CR would not survive XML's line-end normalisation anyway), with
    /// text that looks like Excel's own character escape (<c>_x0041_</c>) escaped so Excel shows it as
    /// written, and cut to <see cref="MaxLength"/>. Stripping comes before neutralising so that a
    /// removed character cannot uncover a formula ("\u0001=cmd").
    /// </summary>
    public static string ForCell(string text)
    {
        var clean = FormulaGuard.Neutralise(text.Any(IsRemoved) ? Strip(text) : text);
        if (clean.Contains('\r'))
            clean = clean.Replace("\r\n", "\n").Replace('\r', '\n');
        if (clean.Contains("_x", StringComparison.Ordinal))
            clean = ExcelEscape().Replace(clean, "_x005F$0");
        if (clean.Length > MaxLength)
            clean = clean[..(char.IsHighSurrogate(clean[MaxLength - 1]) ? MaxLength - 1 : MaxLength)];
        return clean;
    }

    private static bool IsRemoved(char c) =>
        c < 0x20 && c is not ('\t' or '\n' or '\r') || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF';

    private static string Strip(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            // A surrogate pair is one valid character (an emoji); only lone halves go.
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                kept.Append(text[i]).Append(text[++i]);
            else if (!IsRemoved(text[i]))
                kept.Append(text[i]);
        }
        return kept.ToString();
    }

    // Only the underscore of the match is escaped: "_x0041_" is stored as "_x005F_x0041_".
    [GeneratedRegex("_x[0-9A-Fa-f]{4}_")]
    private static partial Regex ExcelEscape();
}
