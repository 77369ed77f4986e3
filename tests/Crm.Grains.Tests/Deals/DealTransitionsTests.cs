using Crm.Grains.Deals;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Grains.Tests.Deals;

public class DealTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly Pipeline Sales = new(1, 1, "Sales",
    [
        new("C1:NEW", "New", "#39A8EF", StageSemantic.InProgress),
        new("C1:WORK", "Work", "#47E4C2", StageSemantic.InProgress),
        new("C1:WON", "Won", "#7BD500", StageSemantic.Won),
        new("C1:LOSE", "Lost", "#FF5752", StageSemantic.Lost),
    ], 1);

    private static readonly Deal Open = new(1, 7, 1, "C1:NEW", "Deal", 10m, "USD", 1, null, null, "", 5, false, Now, 1, Now, 1, 3);

    [Fact]
    public void Moving_to_a_stage_of_another_pipeline_is_refused()
    {
        var e = Assert.Throws<CrmException>(() => DealTransitions.Move(Open, Sales, "C2:NEW", null, Now));
        Assert.Equal("unknown_stage", e.Code);
    }

    [Fact]
    public void Moving_to_another_stage_puts_the_card_on_top_unless_placed()
    {
        var moved = DealTransitions.Move(Open, Sales, "C1:WORK", null, Now);
        Assert.Equal("C1:WORK", moved.StageId);
        Assert.Equal(DealTransitions.TopPosition(Now), moved.Position);
        Assert.Equal(42.5, DealTransitions.Move(Open, Sales, "C1:WORK", 42.5, Now).Position);
        Assert.True(DealTransitions.TopPosition(Now.AddSeconds(1)) < DealTransitions.TopPosition(Now));
    }

    [Fact]
    public void Entering_a_final_stage_closes_the_deal_and_sets_its_close_date()
    {
        var won = DealTransitions.Move(Open, Sales, "C1:WON", null, Now);
        Assert.True(won.IsClosed);
        Assert.Equal(new DateOnly(2026, 11, 23), won.CloseDate);
        var lost = DealTransitions.Close(Open with { CloseDate = new DateOnly(2026, 12, 1) }, Sales, DealOutcome.Lost, Now);
        Assert.Equal("C1:LOSE", lost.StageId);
        Assert.Equal(new DateOnly(2026, 12, 1), lost.CloseDate);
    }

    [Fact]
    public void A_closed_deal_does_not_move_until_reopened()
    {
        var won = DealTransitions.Move(Open, Sales, "C1:WON", null, Now);
        Assert.Equal("deal_closed", Assert.Throws<CrmException>(() => DealTransitions.Move(won, Sales, "C1:WORK", null, Now)).Code);
        Assert.Equal("deal_closed", Assert.Throws<CrmException>(() => DealTransitions.Close(won, Sales, DealOutcome.Lost, Now)).Code);
        var reopened = DealTransitions.Reopen(won, Sales, "C1:WORK", Now);
        Assert.False(reopened.IsClosed);
        Assert.Equal("C1:WORK", reopened.StageId);
        Assert.Equal("reopen_to_final_stage", Assert.Throws<CrmException>(() => DealTransitions.Reopen(won, Sales, "C1:LOSE", Now)).Code);
        Assert.Equal("deal_open", Assert.Throws<CrmException>(() => DealTransitions.Reopen(Open, Sales, null, Now)).Code);
    }

    [Fact]
    public void Reordering_inside_the_column_only_changes_the_position()
    {
        var reordered = DealTransitions.Move(Open, Sales, "C1:NEW", 1.5, Now);
        Assert.Equal(Open with { Position = 1.5 }, reordered);
        Assert.Same(Open, DealTransitions.Move(Open, Sales, "C1:NEW", null, Now));
        Assert.Equal("invalid_position", Assert.Throws<CrmException>(() => DealTransitions.Move(Open, Sales, "C1:NEW", double.NaN, Now)).Code);
    }

    [Fact]
    public void The_timeline_diff_lists_each_changed_field_with_old_and_new_values()
    {
        var after = Open with { Title = "Bigger deal", Amount = 12.5m, StageId = "C1:WORK" };
        var changes = DealDiff.Between(Open, after);
        Assert.Equal(
            [new FieldChange("title", "Deal", "Bigger deal"), new FieldChange("amount", "10", "12.5"), new FieldChange("stageId", "C1:NEW", "C1:WORK")],
            changes);
        Assert.Empty(DealDiff.Between(Open, Open with { Position = 99 }));
    }
}
