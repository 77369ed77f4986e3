using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>What makes a portal's working hours valid; returns them with the days once each, Monday first.</summary>
public static class WorkingHoursRules
{
    public static WorkingHours Check(WorkingHours hours)
    {
        var zone = hours.TimeZoneId?.Trim() ?? "";
        if (PortalTime.Zone(zone) is null)
            throw CrmException.Invalid("unknown_time_zone", $"'{hours.TimeZoneId}' is not a known time zone; use an id such as Europe/Berlin.", "timeZoneId");
        var days = (hours.Days ?? []).Distinct().ToList();
        if (days.Any(d => !Enum.IsDefined(d)))
            throw CrmException.Invalid("unknown_day", "Working days are days of the week.", "days");
        if (days.Count == 0)
            throw CrmException.Invalid("working_days_required", "Choose at least one working day.", "days");
        if (hours.End <= hours.Start)
            throw CrmException.Invalid("working_hours_invalid", "Working hours end after they start, on the same day.", "end");
        return hours with { TimeZoneId = zone, Days = days.OrderBy(d => ((int)d + 6) % 7).ToList() };
    }
}
