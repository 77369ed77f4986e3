using System.Text.RegularExpressions;
using Crm.Grains.Stream;

namespace Crm.Web.Components.Pages.Stream;

/// <summary>
/// A comment typed as plain text with people picked to mention: the text is escaped, its line breaks
/// kept, and each "@Name" picked becomes that person's mention, as the server reads mentions.
/// </summary>
public static class CommentText
{
    public static string Html(string text, IReadOnlyDictionary<string, int> mentioned)
    {
        var html = PostText.Encode(text.Trim()).ReplaceLineEndings("<br>");
        if (mentioned.Count == 0) return html;
        // One pass, longest names first, so "@Ann" never matches inside "@Ann Lee"; a name ends where a word does.
        var ids = mentioned.ToDictionary(m => PostText.Encode(m.Key), m => m.Value);
        var names = string.Join("|", ids.Keys.OrderByDescending(n => n.Length).Select(Regex.Escape));
        return Regex.Replace(html, $@"@({names})(?![\p{{L}}\p{{N}}])",
            m => $"<a data-mention=\"user:{ids[m.Groups[1].Value]}\">{m.Value}</a>");
    }
}
