using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Web.Deals;

namespace Crm.Web.Tests;

/// <summary>How a board applies live events on top of its snapshot.</summary>
public class BoardStateTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;
    private static readonly Pipeline Sales = new(1, 1, "Sales",
    [
        new("A", "A", "#000000", StageSemantic.InProgress),
        new("B", "B", "#000000", StageSemantic.InProgress),
        new("W", "W", "#000000", StageSemantic.Won),
        new("L", "L", "#000000", StageSemantic.Lost),
    ], 1);

    private static Deal Card(long id, string stage, double position, long version = 1) =>
        new(1, id, 1, stage, $"Deal {id}", 10, "USD", 1, null, null, "", position, false, At, 1, At, 1, version);

    private static BoardState Board(bool bHasMore = false) => new(new BoardSnapshot(Sales,
    [
        new BoardColumn("A", new ColumnTotals("A", 2, []), [Card(1, "A", 1), Card(2, "A", 2)], false),
        new BoardColumn("B", new ColumnTotals("B", 3, []), [Card(3, "B", 1), Card(4, "B", 5)], bHasMore),
        new BoardColumn("W", ColumnTotals.Empty("W"), [], false),
        new BoardColumn("L", ColumnTotals.Empty("L"), [], false),
    ]));

    private static IEnumerable<long> Ids(BoardState board, string stage) => board.ColumnOf(stage).Cards.Select(c => c.Id);

    [Fact]
    public void A_move_takes_the_card_out_of_its_column_and_puts_it_in_order_in_the_new_one()
    {
        var board = Board();
        Assert.True(board.Apply(new DealChanged(DealChangeKind.Moved, Card(1, "B", 3, version: 2), "A")));
        Assert.Equal([2], Ids(board, "A"));
        Assert.Equal([3, 1, 4], Ids(board, "B"));
    }

    [Fact]
    public void Events_not_newer_than_what_the_board_holds_are_ignored()
    {
        var board = Board();
        board.Apply(new DealChanged(DealChangeKind.Moved, Card(1, "B", 3, version: 3), "A"));
        Assert.False(board.Apply(new DealChanged(DealChangeKind.Moved, Card(1, "A", 0, version: 2), "B")));
        Assert.False(board.Apply(new DealChanged(DealChangeKind.Moved, Card(1, "A", 0, version: 3), "B")));
        Assert.Equal([3, 1, 4], Ids(board, "B"));
    }

    [Fact]
    public void A_deletion_removes_the_card_and_new_deals_appear()
    {
        var board = Board();
        board.Apply(new DealChanged(DealChangeKind.Deleted, Card(2, "A", 2, version: 2), "A"));
        board.Apply(new DealChanged(DealChangeKind.Created, Card(9, "A", 0), null));
        Assert.Equal([9, 1], Ids(board, "A"));
    }

    [Fact]
    public void A_card_that_sorts_after_a_partly_loaded_column_waits_for_load_more()
    {
        var board = Board(bHasMore: true);
        board.Apply(new DealChanged(DealChangeKind.Moved, Card(1, "B", 99, version: 2), "A"));
        Assert.Equal([3, 4], Ids(board, "B"));
        board.AppendPage("B", [Card(5, "B", 50), Card(1, "B", 99, version: 2)], hasMore: false);
        Assert.Equal([3, 4, 5, 1], Ids(board, "B"));
        Assert.False(board.ColumnOf("B").HasMore);
    }

    [Fact]
    public void Totals_replace_the_snapshot_totals_for_every_stage()
    {
        var board = Board();
        board.SetTotals(new Dictionary<string, ColumnTotals> { ["B"] = new("B", 7, [new CurrencySum("USD", 70)]) });
        Assert.Equal(0, board.ColumnOf("A").Totals.Count);
        Assert.Equal(7, board.ColumnOf("B").Totals.Count);
    }
}
