using System.Globalization;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;

namespace Crm.Web.Import;

/// <summary>How cells become typed values: list entries by id or name, users, numbers as spreadsheets write them.</summary>
public static class ImportValues
{
    /// <summary>
    /// The id of the list entry whose id or name is <paramref name="cell"/> (case ignored). An unknown
    /// value is returned as it is, so the record's rules refuse it with their own error.
    /// </summary>
    public static string Choice(string cell, IEnumerable<(string Id, string Name)> list)
    {
        var text = cell.Trim();
        if (text.Length == 0) return "";
        var entries = list.ToList();
        return entries.FirstOrDefault(e => string.Equals(e.Id, text, StringComparison.OrdinalIgnoreCase)).Id
            ?? entries.FirstOrDefault(e => string.Equals(e.Name, text, StringComparison.OrdinalIgnoreCase)).Id
            ?? text;
    }

    public static string Choice(string cell, IReadOnlyList<ListItem> list) => Choice(cell, list.Select(i => (i.Id, i.Name)));

    /// <summary>An active user of the portal by id, e-mail or name; the importing user when the cell is empty.</summary>
    public static int Responsible(string cell, ImportContext context, string field = "responsibleId")
    {
        var text = cell.Trim();
        if (text.Length == 0) return context.User.UserId;
        return User(text, context)?.Id ?? throw CrmException.Invalid("unknown_responsible", $"'{text}' is not an active user of this portal (use a user's name, e-mail or id).", field);
    }

    /// <summary>The active user of the portal whose id, e-mail or name (case ignored) is <paramref name="text"/>, if any.</summary>
    public static UserSummary? User(string text, ImportContext context) =>
        context.ActiveUsers.FirstOrDefault(u => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && u.Id == id)
        ?? context.ActiveUsers.FirstOrDefault(u => string.Equals(u.Email, text, StringComparison.OrdinalIgnoreCase))
        ?? context.ActiveUsers.FirstOrDefault(u => string.Equals(u.DisplayName, text, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A number as people type it: "1200.5", "1,200.50", "1 200,50" (a decimal comma when it is the
    /// only mark and has one or two digits after it). Empty is zero.
    /// </summary>
    public static decimal Number(string cell, string field) =>
        cell.All(c => char.IsWhiteSpace(c) || c == '\u00A0') ? 0
        : ParseNumber(cell) ?? throw CrmException.Invalid("invalid_number", $"'{cell.Trim()}' is not a number.", field);

    /// <summary>A number as <see cref="Number"/> reads it; null when the text is not one.</summary>
    public static decimal? ParseNumber(string cell)
    {
        var text = new string(cell.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0').ToArray());
        var (comma, dot) = (text.LastIndexOf(','), text.LastIndexOf('.'));
        if (comma >= 0 && dot >= 0)
            text = comma > dot ? text.Replace(".", "").Replace(',', '.') : text.Replace(",", "");
        else if (comma >= 0)
            text = text.Count(c => c == ',') == 1 && text.Length - comma - 1 is 1 or 2 ? text.Replace(',', '.') : text.Replace(",", "");
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value : null;
    }
}
