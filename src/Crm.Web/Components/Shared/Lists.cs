using Crm.Grains.Interfaces.Settings;

namespace Crm.Web.Components.Shared;

/// <summary>Display helpers for the portal's selection lists.</summary>
public static class Lists
{
    /// <summary>The name of a list value, or the raw id when the list no longer has it.</summary>
    public static string Name(IReadOnlyList<ListItem> list, string id) => list.FirstOrDefault(i => i.Id == id)?.Name ?? id;
}
