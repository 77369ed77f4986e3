using Crm.Grains.Interfaces.Settings;
using Crm.Grains.Settings;

namespace Crm.Web.Settings;

/// <summary>
/// One selection list being edited on the settings page: rows renamed, recoloured, moved, added and
/// removed locally, then turned into the whole list the grain checks and stores. New rows get their id
/// from their name when the list is built. Plain C#, unit-tested.
/// </summary>
public sealed class ListDraft
{
    public const string NewStatusColor = "#ACE9FB";

    public sealed class Row
    {
        /// <summary>Empty for a row added here; it gets an id from its name when saved.</summary>
        public string Id { get; init; } = "";
        public string Name { get; set; } = "";
        public string Color { get; set; } = NewStatusColor;
        public LeadStatusSemantic Semantic { get; set; }
    }

    private ListDraft(CrmListKind kind, IEnumerable<Row> rows)
    {
        Kind = kind;
        Rows = rows.ToList();
    }

    public static ListDraft Of(IReadOnlyList<LeadStatus> statuses) =>
        new(CrmListKind.LeadStatuses, statuses.Select(s => new Row { Id = s.Id, Name = s.Name, Color = s.Color, Semantic = s.Semantic }));

    public static ListDraft Of(CrmListKind kind, IReadOnlyList<ListItem> items) =>
        new(kind, items.Select(i => new Row { Id = i.Id, Name = i.Name }));

    public CrmListKind Kind { get; }

    public bool IsStatuses => Kind == CrmListKind.LeadStatuses;

    public List<Row> Rows { get; }

    /// <summary>Adds a row: a new status goes after the last in-progress status (where new statuses belong), an item at the end.</summary>
    public Row Add(string name)
    {
        var row = new Row { Name = name.Trim() };
        var at = IsStatuses ? Rows.FindLastIndex(r => r.Semantic == LeadStatusSemantic.InProgress) + 1 : Rows.Count;
        Rows.Insert(at, row);
        return row;
    }

    /// <summary>Swaps a row with its neighbour above (-1) or below (+1); nothing at either end.</summary>
    public void Move(int index, int by)
    {
        var to = index + by;
        if (index < 0 || index >= Rows.Count || to < 0 || to >= Rows.Count) return;
        (Rows[index], Rows[to]) = (Rows[to], Rows[index]);
    }

    public void Remove(int index)
    {
        if (index >= 0 && index < Rows.Count) Rows.RemoveAt(index);
    }

    public IReadOnlyList<ListItem> Items()
    {
        var ids = Ids();
        return Rows.Select((r, i) => new ListItem(ids[i], r.Name)).ToList();
    }

    public IReadOnlyList<LeadStatus> Statuses()
    {
        var ids = Ids();
        return Rows.Select((r, i) => new LeadStatus(ids[i], r.Name, r.Color, r.Semantic)).ToList();
    }

    /// <summary>The rows' ids, new rows' made from their names, unique among all.</summary>
    private List<string> Ids()
    {
        var taken = Rows.Where(r => r.Id.Length > 0).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return Rows.Select(r =>
        {
            if (r.Id.Length > 0) return r.Id;
            var id = ListRules.SuggestId(r.Name, taken);
            taken.Add(id);
            return id;
        }).ToList();
    }
}
