using Crm.Grains.Settings;
using Crm.Web.Leads;

namespace Crm.Web.Tests;

public class LeadBoardStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static LeadRow Row(long id, string status, int minutes, long version = 1) =>
        new(id, status, $"Lead {id}", "", "", "", [], [], "", 10, "USD", 1, T0.AddMinutes(minutes), T0.AddMinutes(minutes), version);

    [Fact]
    public void Cards_sit_newest_first_and_move_between_status_columns_only_for_newer_versions()
    {
        var board = new LeadBoardState(DefaultLists.LeadStatuses);
        board.AddPage("NEW", [Row(3, "NEW", 30), Row(1, "NEW", 10)], hasMore: false);

        Assert.True(board.Apply(Row(2, "NEW", 20)));
        Assert.Equal([3L, 2L, 1L], board.ColumnOf("NEW").Cards.Select(c => c.Id));

        Assert.True(board.Apply(Row(2, "JUNK", 20, version: 2)));
        Assert.False(board.Apply(Row(2, "NEW", 20, version: 1))); // a late, older event changes nothing
        Assert.Equal([3L, 1L], board.ColumnOf("NEW").Cards.Select(c => c.Id));
        Assert.Equal([2L], board.ColumnOf("JUNK").Cards.Select(c => c.Id));

        Assert.True(board.Apply(Row(2, "JUNK", 20, version: 3), deleted: true));
        Assert.Empty(board.ColumnOf("JUNK").Cards);
    }

    [Fact]
    public void A_card_older_than_a_partly_loaded_column_waits_for_load_more_and_pages_do_not_double_cards()
    {
        var board = new LeadBoardState(DefaultLists.LeadStatuses);
        board.AddPage("NEW", [Row(5, "NEW", 50), Row(4, "NEW", 40)], hasMore: true);
        board.Apply(Row(1, "NEW", 1));
        Assert.Equal([5L, 4L], board.ColumnOf("NEW").Cards.Select(c => c.Id));

        board.AddPage("NEW", [Row(4, "NEW", 40), Row(1, "NEW", 1)], hasMore: false);
        Assert.Equal([5L, 4L, 1L], board.ColumnOf("NEW").Cards.Select(c => c.Id));
    }
}
