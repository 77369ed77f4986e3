using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Web.Deals;

/// <summary>
/// What a board shows, kept consistent with the server: the snapshot's columns, then every event
/// newer than the version already held for its deal. Cards beyond a column's loaded page stay
/// unloaded (the column says "more"). Plain C#, so its rules are unit-tested without a browser.
/// </summary>
public sealed class BoardState
{
    private readonly Dictionary<long, long> _versions = [];

    public BoardState(BoardSnapshot snapshot)
    {
        Pipeline = snapshot.Pipeline;
        foreach (var column in snapshot.Columns)
        {
            Columns[column.StageId] = new Column(column.Deals.ToList(), column.Totals, column.HasMore);
            foreach (var deal in column.Deals) _versions[deal.Id] = deal.Version;
        }
    }

    /// <summary>A column's loaded cards in board order, its totals, and whether more cards follow.</summary>
    public sealed class Column(List<Deal> cards, ColumnTotals totals, bool hasMore)
    {
        public List<Deal> Cards { get; } = cards;
        public ColumnTotals Totals { get; set; } = totals;
        public bool HasMore { get; set; } = hasMore;
    }

    public Pipeline Pipeline { get; private set; }

    public Dictionary<string, Column> Columns { get; } = [];

    public Column ColumnOf(string stageId) => Columns.TryGetValue(stageId, out var c) ? c : Columns[stageId] = new Column([], ColumnTotals.Empty(stageId), false);

    /// <summary>Applies a change unless the board already has this version or a newer one. Returns whether it did.</summary>
    public bool Apply(DealChanged change) => Apply(change.Deal, change.Kind == DealChangeKind.Deleted);

    /// <summary>Applies a deal as returned by a command (same rule: only newer versions).</summary>
    public bool Apply(Deal deal, bool deleted = false)
    {
        if (_versions.TryGetValue(deal.Id, out var known) && known >= deal.Version) return false;
        _versions[deal.Id] = deal.Version;
        foreach (var column in Columns.Values) column.Cards.RemoveAll(c => c.Id == deal.Id);
        if (deleted || deal.PipelineId != Pipeline.Id || Pipeline.FindStage(deal.StageId) is null) return true;

        var target = ColumnOf(deal.StageId);
        var index = target.Cards.FindIndex(c => Before(deal, c));
        if (index >= 0) target.Cards.Insert(index, deal);
        else if (!target.HasMore) target.Cards.Add(deal);
        // else: it sorts after the loaded page; "load more" will bring it.
        return true;
    }

    public void SetTotals(IReadOnlyDictionary<string, ColumnTotals> totals)
    {
        foreach (var stage in Pipeline.Stages)
            ColumnOf(stage.Id).Totals = totals.GetValueOrDefault(stage.Id) ?? ColumnTotals.Empty(stage.Id);
    }

    public void SetPipeline(Pipeline pipeline)
    {
        if (pipeline.Version <= Pipeline.Version) return;
        Pipeline = pipeline;
        foreach (var stage in pipeline.Stages) ColumnOf(stage.Id);
    }

    /// <summary>Adds the next page of a column (cards already shown, e.g. arrived live, are not doubled).</summary>
    public void AppendPage(string stageId, IReadOnlyList<Deal> deals, bool hasMore)
    {
        var column = ColumnOf(stageId);
        foreach (var deal in deals)
        {
            if (_versions.TryGetValue(deal.Id, out var known) && known > deal.Version) continue;
            _versions[deal.Id] = deal.Version;
            if (column.Cards.All(c => c.Id != deal.Id)) column.Cards.Add(deal);
        }
        column.Cards.Sort((a, b) => Before(a, b) ? -1 : Before(b, a) ? 1 : 0);
        column.HasMore = hasMore;
    }

    private static bool Before(Deal a, Deal b) => a.Position < b.Position || (a.Position == b.Position && a.Id < b.Id);
}
