using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;
using static Crm.Grains.Tests.Automation.RobotTestData;

namespace Crm.Grains.Tests.Automation;

public class RobotScheduleTests
{
    private static readonly WorkingHours Berlin = WorkingHours.Default("Europe/Berlin");
    private static readonly TimeSpan Summer = TimeSpan.FromHours(2);
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);

    // Wednesday 10 June 2026, 11:00 in Berlin.
    private static readonly DateTimeOffset Entered = new(2026, 6, 10, 11, 0, 0, Summer);

    private static Robot Timed(RobotTiming timing) => Robot(RobotAction.AddComment, new RobotSettings(Text: "x"), timing);

    private static DateTimeOffset? Due(RobotTiming timing, DateTimeOffset entered, DateTimeOffset? now = null, DateTimeOffset? previous = null,
        IReadOnlyDictionary<string, string>? values = null) =>
        RobotSchedule.Due(Timed(timing), entered, previous, values ?? Values, Berlin, now ?? entered).At;

    private static RobotTiming After(int amount, RobotTimeUnit unit, bool workingHours = false, bool afterPrevious = false) =>
        new(RobotTimingKind.After, amount, unit, WorkingHoursOnly: workingHours, AfterPrevious: afterPrevious);

    private static RobotTiming At(string field, int amount = 0, RobotTimeUnit unit = RobotTimeUnit.Days, bool before = false, bool afterPrevious = false) =>
        new(RobotTimingKind.AtField, amount, unit, field, before, afterPrevious);

    [Fact]
    public void An_immediate_robot_is_due_on_entering_the_stage_in_utc()
    {
        var due = RobotSchedule.Due(Timed(RobotTiming.Now), Entered, null, Values, Berlin, Entered);
        Assert.True(due.Scheduled);
        Assert.Equal(Entered, due.At);
        Assert.Equal(TimeSpan.Zero, due.At!.Value.Offset);
    }

    [Fact]
    public void Delays_in_minutes_hours_and_days_count_from_entering_the_stage()
    {
        Assert.Equal(Entered.AddMinutes(30), Due(After(30, RobotTimeUnit.Minutes), Entered));
        Assert.Equal(Entered.AddHours(5), Due(After(5, RobotTimeUnit.Hours), Entered));
        Assert.Equal(Entered.AddDays(3), Due(After(3, RobotTimeUnit.Days), Entered));
        Assert.Equal(Entered.AddDays(365), Due(After(365, RobotTimeUnit.Days), Entered));
    }

    [Fact]
    public void A_delay_in_days_keeps_the_wall_clock_time_across_a_dst_change_but_hours_are_real_hours()
    {
        var friday = new DateTimeOffset(2026, 3, 27, 10, 0, 0, Winter);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 10, 0, 0, Summer), Due(After(3, RobotTimeUnit.Days), friday));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 11, 0, 0, Summer), Due(After(72, RobotTimeUnit.Hours), friday));
    }

    [Fact]
    public void A_time_already_past_means_now()
    {
        var now = Entered.AddHours(3);
        Assert.Equal(now, Due(After(1, RobotTimeUnit.Hours), Entered, now));
        Assert.Equal(now, Due(RobotTiming.Now, Entered, now));
        Assert.Equal(now, Due(At("beginDate"), Entered, now));
    }

    [Fact]
    public void A_date_field_means_the_start_of_that_day_in_the_portals_time_zone_moved_by_the_offset()
    {
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 0, 0, 0, Summer), Due(At("closeDate"), Entered));
        Assert.Equal(new DateTimeOffset(2026, 6, 29, 0, 0, 0, Summer), Due(At("closeDate", 1, before: true), Entered));
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 2, 0, 0, Summer), Due(At("closeDate", 2, RobotTimeUnit.Hours), Entered));
        Assert.Equal(new DateTimeOffset(2026, 6, 29, 23, 30, 0, Summer), Due(At("closeDate", 30, RobotTimeUnit.Minutes, before: true), Entered));
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 0, 0, 0, Summer), Due(At("UF_CRM_2"), Entered));
    }

    [Fact]
    public void Days_before_a_date_are_calendar_days_across_a_dst_change()
    {
        var values = new Dictionary<string, string>(Values) { ["closeDate"] = "2026-03-30" };
        var early = new DateTimeOffset(2026, 3, 1, 9, 0, 0, Winter);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, Winter), Due(At("closeDate", 1, before: true), early, values: values));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 0, 0, 0, Summer), Due(At("closeDate"), early, values: values));
    }

    [Fact]
    public void A_date_time_field_is_an_instant()
    {
        var early = Created.AddDays(-1);
        Assert.Equal(Created.AddHours(1), Due(At("createdAt", 1, RobotTimeUnit.Hours), early));
        Assert.Equal(Created.AddDays(-1).AddHours(12), Due(At("createdAt", 12, RobotTimeUnit.Hours, before: true), early.AddDays(-1)));
    }

    [Fact]
    public void An_empty_or_unreadable_date_field_cannot_be_scheduled_and_says_why()
    {
        var empty = RobotSchedule.Due(Timed(At("closeDate", 1, before: true)), Entered, null,
            RobotFieldValues.Of(Deal with { CloseDate = null }), Berlin, Entered);
        Assert.False(empty.Scheduled);
        Assert.Equal("closeDate is empty", empty.Reason);

        var missingCustom = RobotSchedule.Due(Timed(At("UF_CRM_2")), Entered, null, RobotFieldValues.Of(Deal with { Custom = null }), Berlin, Entered);
        Assert.Equal("UF_CRM_2 is empty", missingCustom.Reason);

        var bad = RobotSchedule.Due(Timed(At("closeDate")), Entered, null, new Dictionary<string, string> { ["closeDate"] = "soon" }, Berlin, Entered);
        Assert.Equal("closeDate 'soon' is not a date", bad.Reason);
    }

    [Fact]
    public void A_chained_robot_counts_its_delay_from_the_previous_robots_finish()
    {
        var finished = Entered.AddHours(26);
        Assert.Equal(finished.AddHours(2), Due(After(2, RobotTimeUnit.Hours, afterPrevious: true), Entered, Entered, finished));
        Assert.Equal(finished, Due(new RobotTiming(AfterPrevious: true), Entered, Entered, finished));
        // Parallel robots ignore the previous robot.
        Assert.Equal(Entered.AddHours(2), Due(After(2, RobotTimeUnit.Hours), Entered, Entered, finished));
    }

    [Fact]
    public void The_first_robot_of_a_chain_counts_from_entering_the_stage()
    {
        Assert.Equal(Entered.AddHours(2), Due(After(2, RobotTimeUnit.Hours, afterPrevious: true), Entered, Entered, previous: null));
    }

    [Fact]
    public void A_chained_robot_at_a_date_field_never_runs_before_the_previous_robot()
    {
        var finished = new DateTimeOffset(2026, 6, 30, 15, 0, 0, Summer);
        Assert.Equal(finished, Due(At("closeDate", afterPrevious: true), Entered, Entered, finished));
        var early = Entered.AddHours(1);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 0, 0, 0, Summer), Due(At("closeDate", afterPrevious: true), Entered, Entered, early));
    }

    [Fact]
    public void Working_hours_only_leaves_a_time_inside_the_window_as_it_is()
    {
        Assert.Equal(Entered.AddHours(2), Due(After(2, RobotTimeUnit.Hours, workingHours: true), Entered));
        var nine = new DateTimeOffset(2026, 6, 10, 9, 0, 0, Summer);
        Assert.Equal(nine, Due(new RobotTiming(WorkingHoursOnly: true), nine));
        var zone = PortalTime.Zone("Europe/Berlin")!;
        Assert.True(WorkingTime.IsWithin(nine, Berlin, zone));
        Assert.False(WorkingTime.IsWithin(nine.AddMinutes(-1), Berlin, zone));
    }

    [Fact]
    public void Working_hours_only_moves_an_evening_to_the_next_morning_and_an_early_morning_to_nine()
    {
        var evening = new DateTimeOffset(2026, 6, 10, 17, 30, 0, Summer);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 9, 0, 0, Summer), Due(After(2, RobotTimeUnit.Hours, workingHours: true), evening));
        var six = new DateTimeOffset(2026, 6, 10, 18, 0, 0, Summer);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 9, 0, 0, Summer), Due(new RobotTiming(WorkingHoursOnly: true), six));
        var dawn = new DateTimeOffset(2026, 6, 10, 6, 45, 0, Summer);
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 9, 0, 0, Summer), Due(new RobotTiming(WorkingHoursOnly: true), dawn));
    }

    [Fact]
    public void Working_hours_only_moves_a_friday_evening_and_a_weekend_to_monday_morning()
    {
        var friday = new DateTimeOffset(2026, 6, 12, 19, 0, 0, Summer);
        var monday = new DateTimeOffset(2026, 6, 15, 9, 0, 0, Summer);
        Assert.Equal(monday, Due(new RobotTiming(WorkingHoursOnly: true), friday));
        Assert.Equal(monday, Due(new RobotTiming(WorkingHoursOnly: true), friday.AddDays(1).AddHours(-7)));
        // A date field on a Sunday (28 June) moves to Monday.
        var values = new Dictionary<string, string>(Values) { ["closeDate"] = "2026-06-28" };
        Assert.Equal(new DateTimeOffset(2026, 6, 29, 9, 0, 0, Summer), Due(At("closeDate") with { WorkingHoursOnly = true }, Entered, values: values));
    }

    [Fact]
    public void Working_hours_only_finds_monday_nine_in_the_new_offset_after_a_weekend_dst_change()
    {
        var springFriday = new DateTimeOffset(2026, 3, 27, 20, 0, 0, Winter);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 9, 0, 0, Summer), Due(new RobotTiming(WorkingHoursOnly: true), springFriday));
        var autumnFriday = new DateTimeOffset(2026, 10, 23, 19, 0, 0, Summer);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 9, 0, 0, Winter), Due(new RobotTiming(WorkingHoursOnly: true), autumnFriday));
    }

    [Fact]
    public void Working_hours_are_read_in_the_portals_time_zone()
    {
        var newYork = WorkingHours.Default("America/New_York");
        // 14:00 UTC is 10:00 in New York in June: inside; 23:00 UTC is 19:00 there: next morning 9:00 EDT.
        var robot = Timed(new RobotTiming(WorkingHoursOnly: true));
        var inside = new DateTimeOffset(2026, 6, 10, 14, 0, 0, TimeSpan.Zero);
        Assert.Equal(inside, RobotSchedule.Due(robot, inside, null, Values, newYork, inside).At);
        var late = new DateTimeOffset(2026, 6, 10, 23, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 6, 11, 9, 0, 0, TimeSpan.FromHours(-4)), RobotSchedule.Due(robot, late, null, Values, newYork, late).At);
    }

    [Fact]
    public void Wall_clock_times_skipped_or_repeated_by_dst_resolve_forward_and_to_the_first_occurrence()
    {
        var zone = PortalTime.Zone("Europe/Berlin")!;
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 30, 0, Summer), PortalTime.Instant(new DateTime(2026, 3, 29, 2, 30, 0), zone));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, Summer), PortalTime.Instant(new DateTime(2026, 10, 25, 2, 30, 0), zone));
        Assert.Null(PortalTime.Zone("Mars/Olympus"));

        var night = new WorkingHours("Europe/Berlin", [DayOfWeek.Sunday], new TimeOnly(2, 30), new TimeOnly(5, 0));
        var saturday = new DateTimeOffset(2026, 3, 28, 12, 0, 0, Winter);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 30, 0, Summer), WorkingTime.NextWithin(saturday, night, zone));
    }
}
