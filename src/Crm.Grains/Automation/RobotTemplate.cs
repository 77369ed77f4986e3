using System.Text.RegularExpressions;

namespace Crm.Grains.Automation;

/// <summary>
/// Texts with variables: <c>{{code}}</c> (spaces allowed inside the braces) stands for the value of
/// the catalogue field with that code, e.g. <c>{{title}}</c>, <c>{{amount}}</c>, <c>{{responsible}}</c>,
/// <c>{{UF_CRM_3}}</c>. Braces around anything that is not a name stay as written, so there is no
/// escaping to learn. Values go in as plain text, unescaped: e-mails are sent as text/plain, and
/// every screen that shows a rendered comment or notification encodes it. Anything that puts a
/// rendered text into HTML or a URL must encode it there.
/// </summary>
public static partial class RobotTemplate
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();

    /// <summary>The variable names in <paramref name="text"/>, each once, in order of first appearance.</summary>
    public static IReadOnlyList<string> Variables(string? text) =>
        string.IsNullOrEmpty(text) ? [] :
        Variable().Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>The first variable of <paramref name="text"/> that is not a field of <paramref name="catalogue"/>, if any.</summary>
    public static string? FirstUnknown(string? text, RobotFieldCatalogue catalogue) =>
        Variables(text).FirstOrDefault(v => catalogue.Find(v) is null);

    /// <summary>
    /// The text with each variable replaced by the record's value, shown for people: list items by
    /// name, money as "12.50 USD", booleans as yes/no. Unknown variables are refused when a robot is
    /// saved; one whose field was deleted since, or that has no value, becomes empty.
    /// </summary>
    public static string Render(string? text, IReadOnlyDictionary<string, string> values, RobotFieldCatalogue catalogue) =>
        string.IsNullOrEmpty(text) ? "" :
        Variable().Replace(text, m =>
        {
            var code = m.Groups[1].Value;
            var value = values.TryGetValue(code, out var v) ? v : "";
            return catalogue.Find(code) is { } field ? Display(field, value) : value;
        });

    private static string Display(RobotField field, string value)
    {
        if (value.Length == 0) return value;
        return field.Kind switch
        {
            RobotFieldKind.Money => value.Replace('|', ' '),
            RobotFieldKind.Boolean => RobotValueText.TryBoolean(value, out var b) ? (b ? "yes" : "no") : value,
            RobotFieldKind.List => field.Custom?.Items?.FirstOrDefault(i => i.Id == value)?.Name ?? value,
            _ => value,
        };
    }
}
