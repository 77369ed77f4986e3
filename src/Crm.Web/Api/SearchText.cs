namespace Crm.Web.Api;

/// <summary>The search boxes of all lists: user text turned into a PostgreSQL full-text query.</summary>
public static class SearchText
{
    /// <summary>
    /// A prefix query over words: "acme sup" finds "ACME supplies". Only letters and digits pass, so
    /// user text can never be tsquery syntax.
    /// </summary>
    public static string? PrefixQuery(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        var words = search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())
            .Where(w => w.Length > 0)
            .Take(8)
            .Select(w => w + ":*")
            .ToList();
        return words.Count == 0 ? null : string.Join(" & ", words);
    }
}
