using AngleSharp.Dom;
using Ganss.Xss;

namespace Crm.Grains.Stream;

/// <summary>A mention in a post or comment: a user, or a department (all its people).</summary>
public readonly record struct Mention(bool Department, int Id);

/// <summary>
/// The rich text of posts and comments: HTML cut down to a small allow-list (formatting, lists,
/// quotes, links, mentions), so whatever an author or an API client sends, readers get no script,
/// style or frame. Plain text (no markup) keeps its line breaks. A mention is an element with
/// <c>data-mention="user:12"</c> or <c>"department:3"</c>.
/// </summary>
public static class PostText
{
    public const int MaxLength = 20_000;

    private static readonly HtmlSanitizer Sanitizer = Build();

    private static HtmlSanitizer Build()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
                { "p", "br", "b", "strong", "i", "em", "u", "s", "strike", "ul", "ol", "li", "blockquote", "code", "pre", "a", "span", "div" },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "data-mention" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        });
        // Links leave the CRM in a new tab without telling the target where they came from.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
                link.SetAttribute("target", "_blank");
            }
        };
        sanitizer.AllowedAttributes.Add("rel");
        sanitizer.AllowedAttributes.Add("target");
        return sanitizer;
    }

    /// <summary>The text as stored and shown; refused when nothing readable is left or it is too long.</summary>
    public static string Clean(string? text, string field, string what = "A post")
    {
        var raw = (text ?? "").Trim();
        var html = raw.Contains('<') ? Sanitizer.Sanitize(raw) : Encode(raw).ReplaceLineEndings("<br>");
        if (PlainText(html).Length == 0 && !html.Contains("data-mention", StringComparison.Ordinal))
            throw CrmException.Invalid("text_required", $"{what} needs some text.", field);
        if (html.Length > MaxLength)
            throw CrmException.Invalid("text_too_long", $"{what} is at most {MaxLength} characters (with its formatting).", field);
        return html;
    }

    /// <summary>Plain text as HTML: only what markup would misread is escaped (an apostrophe stays one).</summary>
    public static string Encode(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    /// <summary>The words of the text without markup (for notifications and previews).</summary>
    public static string PlainText(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html.Replace("<br>", " ") + "</body>");
        return string.Join(' ', (document.Body?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A short preview: the first words, cut at <paramref name="length"/> characters.</summary>
    public static string Preview(string html, int length = 120)
    {
        var plain = PlainText(html);
        return plain.Length <= length ? plain : plain[..(length - 1)].TrimEnd() + "…";
    }

    /// <summary>The mentions in the (cleaned) text, each once; malformed ones are ignored.</summary>
    public static IReadOnlyList<Mention> Mentions(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        return document.QuerySelectorAll("[data-mention]")
            .Select(e => e.GetAttribute("data-mention")!.Split(':'))
            .Where(parts => parts.Length == 2 && parts[0] is "user" or "department" && int.TryParse(parts[1], out var id) && id > 0)
            .Select(parts => new Mention(parts[0] == "department", int.Parse(parts[1])))
            .Distinct().ToList();
    }
}
