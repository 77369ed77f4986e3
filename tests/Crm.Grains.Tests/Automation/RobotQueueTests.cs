using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Tests.Automation;

/// <summary>A record's robot queue: entering a stage schedules its robots and cancels what was owed; chains start in order.</summary>
public sealed class RobotQueueTests
{
    private static readonly DateTimeOffset Entered = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly WorkingHours Hours = WorkingHours.Default();

    private static Robot Comment(string id, int minutes, bool afterPrevious = false, RobotTimingKind kind = RobotTimingKind.After, string? field = null) =>
        new(id, $"Comment {id}", RobotAction.AddComment, new RobotSettings(Text: "hi"),
            new RobotTiming(kind, minutes, RobotTimeUnit.Minutes, field, AfterPrevious: afterPrevious));

    [Fact]
    public void Entering_a_stage_schedules_parallel_robots_from_the_entry_and_holds_chained_ones()
    {
        var queue = new RobotQueueState();
        var notRun = RobotQueue.Enter(queue, "C1:NEW", [Comment("a", 5), Comment("b", 10, afterPrevious: true), Comment("c", 1)], Entered, RobotTestData.Values, Hours, Entered);

        Assert.Empty(notRun);
        Assert.Equal([Entered.AddMinutes(5), null, Entered.AddMinutes(1)], queue.Jobs.Select(j => j.DueAt));
        Assert.Equal("a", queue.Jobs[1].WaitsFor);
        Assert.Equal(Entered.AddMinutes(1), RobotQueue.NextDue(queue));
        Assert.Equal(["c"], RobotQueue.Due(queue, Entered.AddMinutes(2)).Select(j => j.Robot.Id));
    }

    [Fact]
    public void A_chain_of_three_runs_in_order_each_counting_its_delay_from_the_previous_finish()
    {
        var queue = new RobotQueueState();
        RobotQueue.Enter(queue, "C1:NEW", [Comment("a", 5), Comment("b", 10, true), Comment("c", 0, true)], Entered, RobotTestData.Values, Hours, Entered);

        var first = Assert.Single(RobotQueue.Due(queue, Entered.AddMinutes(5)));
        Assert.Equal("a", first.Robot.Id);
        var finished = Entered.AddMinutes(6);
        RobotQueue.Finish(queue, first, finished, RobotTestData.Values, Hours, finished);
        Assert.Empty(RobotQueue.Due(queue, finished.AddMinutes(9)));
        var second = Assert.Single(RobotQueue.Due(queue, finished.AddMinutes(10)));
        Assert.Equal("b", second.Robot.Id);
        RobotQueue.Finish(queue, second, finished.AddMinutes(10), RobotTestData.Values, Hours, finished.AddMinutes(10));
        Assert.Equal("c", Assert.Single(RobotQueue.Due(queue, finished.AddMinutes(10))).Robot.Id);
    }

    [Fact]
    public void Entering_another_stage_cancels_everything_owed_and_a_new_entry_gets_new_job_ids()
    {
        var queue = new RobotQueueState();
        RobotQueue.Enter(queue, "C1:NEW", [Comment("a", 60), Comment("b", 5, true)], Entered, RobotTestData.Values, Hours, Entered);
        var firstIds = queue.Jobs.Select(j => j.Id).ToList();

        var cancelled = RobotQueue.Enter(queue, "C1:WORK", [], Entered.AddMinutes(1), RobotTestData.Values, Hours, Entered.AddMinutes(1));
        Assert.Equal(["a", "b"], cancelled.Select(c => c.Robot.Id));
        Assert.All(cancelled, c => Assert.Contains("left C1:NEW", c.Reason));
        Assert.Empty(queue.Jobs);
        Assert.Null(RobotQueue.NextDue(queue));

        RobotQueue.Enter(queue, "C1:NEW", [Comment("a", 60)], Entered.AddMinutes(2), RobotTestData.Values, Hours, Entered.AddMinutes(2));
        Assert.DoesNotContain(Assert.Single(queue.Jobs).Id, firstIds);
        Assert.Equal(Entered.AddMinutes(62), queue.Jobs[0].DueAt);
    }

    [Fact]
    public void A_robot_whose_date_field_is_empty_is_not_scheduled_and_the_robot_chained_after_it_starts()
    {
        var queue = new RobotQueueState();
        var values = new Dictionary<string, string>(RobotTestData.Values) { ["closeDate"] = "" };
        var notRun = RobotQueue.Enter(queue, "C1:NEW", [Comment("a", 0, kind: RobotTimingKind.AtField, field: "closeDate"), Comment("b", 3, true)], Entered, values, Hours, Entered);

        Assert.Equal("a", Assert.Single(notRun).Robot.Id);
        Assert.Contains("closeDate is empty", notRun[0].Reason);
        Assert.Equal(Entered.AddMinutes(3), Assert.Single(queue.Jobs).DueAt);
    }

    [Fact]
    public void Finishing_a_job_twice_changes_nothing_the_second_time()
    {
        var queue = new RobotQueueState();
        RobotQueue.Enter(queue, "C1:NEW", [Comment("a", 0), Comment("b", 0, true)], Entered, RobotTestData.Values, Hours, Entered);
        var first = queue.Jobs[0];
        RobotQueue.Finish(queue, first, Entered, RobotTestData.Values, Hours, Entered);
        var afterFirst = queue.Jobs.ToList();

        Assert.Empty(RobotQueue.Finish(queue, first, Entered.AddMinutes(1), RobotTestData.Values, Hours, Entered.AddMinutes(1)));
        Assert.Equal(afterFirst, queue.Jobs);
    }
}
