using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Deals;

namespace Crm.Web.Leads;

/// <summary>
/// What the lead board shows: a column per status, newest leads first, each with a loaded page and
/// its totals; live changes apply only when newer than the version held. Plain C#, unit-tested.
/// </summary>
public sealed class LeadBoardState(IReadOnlyList<LeadStatus> statuses)
{
    private readonly Dictionary<long, long> _versions = [];

    public IReadOnlyList<LeadStatus> Statuses => statuses;

    public sealed class Column
    {
        public List<LeadRow> Cards { get; } = [];
        public ColumnTotals? Totals { get; set; }
        public bool HasMore { get; set; }
    }

    private readonly Dictionary<string, Column> _columns = statuses.ToDictionary(s => s.Id, _ => new Column());

    public Column ColumnOf(string statusId) => _columns.TryGetValue(statusId, out var c) ? c : _columns[statusId] = new Column();

    /// <summary>Adds a page of a column's cards (newest first); a card already shown, or known at a newer version, is not added again.</summary>
    public void AddPage(string statusId, IReadOnlyList<LeadRow> rows, bool hasMore)
    {
        var column = ColumnOf(statusId);
        foreach (var row in rows)
        {
            // A card that arrived live beyond the loaded page has its version noted but is not shown yet.
            if (_versions.TryGetValue(row.Id, out var known) && known > row.Version) continue;
            _versions[row.Id] = row.Version;
            if (column.Cards.All(c => c.Id != row.Id)) column.Cards.Add(row);
        }
        column.HasMore = hasMore;
    }

    public bool Apply(LeadChanged change) => Apply(LeadRow.From(change.Lead), change.Kind == LeadChangeKind.Deleted);

    /// <summary>Applies a lead's row unless the board holds this version or a newer one; returns whether it did.</summary>
    public bool Apply(LeadRow row, bool deleted = false)
    {
        if (_versions.TryGetValue(row.Id, out var known) && known >= row.Version) return false;
        _versions[row.Id] = row.Version;
        foreach (var column in _columns.Values) column.Cards.RemoveAll(c => c.Id == row.Id);
        if (deleted || !_columns.TryGetValue(row.StatusId, out var target)) return true;
        var index = target.Cards.FindIndex(c => (c.CreatedAt, c.Id).CompareTo((row.CreatedAt, row.Id)) < 0);
        if (index >= 0) target.Cards.Insert(index, row);
        else if (!target.HasMore) target.Cards.Add(row);
        return true;
    }

    public void SetTotals(IReadOnlyDictionary<string, ColumnTotals> totals)
    {
        foreach (var (id, column) in _columns) column.Totals = totals.GetValueOrDefault(id);
    }
}
