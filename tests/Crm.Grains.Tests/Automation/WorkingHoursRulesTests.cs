using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Tests.Automation;

public class WorkingHoursRulesTests
{
    [Fact]
    public void The_default_is_monday_to_friday_nine_to_six()
    {
        var hours = WorkingHoursRules.Check(WorkingHours.Default("Europe/Berlin"));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], hours.Days);
        Assert.Equal((new TimeOnly(9, 0), new TimeOnly(18, 0)), (hours.Start, hours.End));
    }

    [Fact]
    public void Days_come_back_once_each_monday_first()
    {
        var hours = WorkingHoursRules.Check(new WorkingHours(" Europe/Berlin ", [DayOfWeek.Sunday, DayOfWeek.Saturday, DayOfWeek.Monday, DayOfWeek.Sunday],
            new TimeOnly(8, 0), new TimeOnly(12, 0)));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Saturday, DayOfWeek.Sunday], hours.Days);
        Assert.Equal("Europe/Berlin", hours.TimeZoneId);
    }

    [Fact]
    public void An_unknown_zone_no_days_or_an_end_before_the_start_is_refused()
    {
        string Code(WorkingHours hours) => Assert.Throws<CrmException>(() => WorkingHoursRules.Check(hours)).Code;
        var valid = WorkingHours.Default("UTC");
        Assert.Equal("unknown_time_zone", Code(valid with { TimeZoneId = "Mars/Olympus" }));
        Assert.Equal("working_days_required", Code(valid with { Days = [] }));
        Assert.Equal("unknown_day", Code(valid with { Days = [(DayOfWeek)9] }));
        Assert.Equal("working_hours_invalid", Code(valid with { End = new TimeOnly(9, 0) }));
        Assert.Equal("working_hours_invalid", Code(valid with { Start = new TimeOnly(20, 0) }));
    }
}
