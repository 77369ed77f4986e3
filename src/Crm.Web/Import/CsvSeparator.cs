namespace Crm.Web.Import;

/// <summary>
/// Finds the separator from the header line: the one of comma, semicolon and tab that occurs most
/// often outside quotes (Excel writes semicolons where the decimal mark is a comma). A first line
/// "sep=;" (Excel's hint) names it and is not part of the data.
/// </summary>
public static class CsvSeparator
{
    private static readonly byte[] Candidates = [(byte)',', (byte)';', (byte)'\t'];

    /// <summary>The separator and how many bytes (the hint line) to skip.</summary>
    public static (char Separator, int Skip) Detect(ReadOnlySpan<byte> text)
    {
        var end = text.IndexOf((byte)'\n');
        var first = (end < 0 ? text : text[..end]).TrimEnd((byte)'\r');
        if (first.Length == 5 && first.StartsWith("sep="u8) && Candidates.Contains(first[4]))
            return ((char)first[4], end < 0 ? text.Length : end + 1);

        Span<int> counts = stackalloc int[Candidates.Length];
        var quoted = false;
        foreach (var b in text)
        {
            if (b == (byte)'"') quoted = !quoted;
            else if (!quoted && b == (byte)'\n') break;
            else if (!quoted && Array.IndexOf(Candidates, b) is var i and >= 0) counts[i]++;
        }
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
            if (counts[i] > counts[best]) best = i;
        return ((char)Candidates[best], 0);
    }
}
