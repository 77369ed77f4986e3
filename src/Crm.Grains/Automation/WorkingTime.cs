using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>Where a time falls against a portal's working hours.</summary>
public static class WorkingTime
{
    /// <summary>
    /// <paramref name="instant"/> itself when it is within working hours (start inclusive, end
    /// exclusive), otherwise the start of the next working window: an evening moves to the next
    /// working morning, a Friday evening to Monday. Without working days, the instant as it is.
    /// </summary>
    public static DateTimeOffset NextWithin(DateTimeOffset instant, WorkingHours hours, TimeZoneInfo zone)
    {
        var local = PortalTime.Local(instant, zone);
        for (var i = 0; i <= 7; i++)
        {
            var day = local.Date.AddDays(i);
            if (!hours.Days.Contains(day.DayOfWeek)) continue;
            var start = day + hours.Start.ToTimeSpan();
            if (i == 0 && local >= start)
            {
                if (local < day + hours.End.ToTimeSpan()) return instant.ToUniversalTime();
                continue;
            }
            return PortalTime.Instant(start, zone);
        }
        return instant.ToUniversalTime();
    }

    /// <summary>Whether <paramref name="instant"/> is within working hours.</summary>
    public static bool IsWithin(DateTimeOffset instant, WorkingHours hours, TimeZoneInfo zone) =>
        NextWithin(instant, hours, zone) == instant;
}
