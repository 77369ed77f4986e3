using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>
/// When a robot is due. A robot starts when its record enters the stage, or, in a chain
/// (<see cref="RobotTiming.AfterPrevious"/>), when the robot before it has run; see <see cref="RobotChain"/>
/// for which robot waits for which. Then:
/// <list type="bullet">
/// <item>Immediately: at its start. After N minutes/hours: that much real time later. After N days:
/// N calendar days later at the same wall-clock time of the portal (DST-proof).</item>
/// <item>AtField: the field's time (a date is the start of that day in the portal's time zone),
/// moved by the offset; in a chain never before the previous robot has run.</item>
/// <item>A time already past means now.</item>
/// <item>Working hours only: the delay is counted in plain time, as Bitrix24 does, and a due time
/// outside working hours moves to the next working-hours start ("after 2 hours" at 17:30 runs at 9:00
/// next working day, not at 10:30).</item>
/// </list>
/// Pure: the current time is a parameter.
/// </summary>
public static class RobotSchedule
{
    /// <param name="enteredStageAt">When the record entered the robot's stage.</param>
    /// <param name="previousFinishedAt">
    /// For a chained robot: when the robot before it ran or was skipped; null for the first robot
    /// of a stage, whose chain starts on entering the stage.
    /// </param>
    /// <param name="values">The record's values (<see cref="RobotFieldValues"/>), for AtField timing.</param>
    /// <param name="hours">The portal's working hours; its time zone also places dates and days.</param>
    public static RobotDue Due(Robot robot, DateTimeOffset enteredStageAt, DateTimeOffset? previousFinishedAt,
        IReadOnlyDictionary<string, string> values, WorkingHours hours, DateTimeOffset now)
    {
        var timing = robot.Timing;
        // Portal time zones are checked when saved; a zone this system lacks falls back to UTC rather than stopping the portal's robots.
        var zone = PortalTime.Zone(hours.TimeZoneId) ?? TimeZoneInfo.Utc;
        var start = timing.AfterPrevious && previousFinishedAt is { } previous ? previous : enteredStageAt;

        DateTimeOffset due;
        switch (timing.Kind)
        {
            case RobotTimingKind.After:
                due = Shift(start, timing.Amount, timing.Unit, zone);
                break;
            case RobotTimingKind.AtField:
                var code = timing.FieldCode ?? "";
                var text = values.TryGetValue(code, out var v) ? v.Trim() : "";
                if (text.Length == 0) return RobotDue.Never($"{code} is empty");
                if (FieldTime(text, zone) is not { } at) return RobotDue.Never($"{code} '{text}' is not a date");
                due = Shift(at, timing.Before ? -timing.Amount : timing.Amount, timing.Unit, zone);
                if (timing.AfterPrevious && previousFinishedAt is { } finished && due < finished) due = finished;
                break;
            default:
                due = start;
                break;
        }

        if (due < now) due = now;
        if (timing.WorkingHoursOnly) due = WorkingTime.NextWithin(due, hours, zone);
        return RobotDue.On(due);
    }

    /// <summary>The instant a date or date-time value names: a date is the start of that day in <paramref name="zone"/>.</summary>
    public static DateTimeOffset? FieldTime(string value, TimeZoneInfo zone)
    {
        if (RobotValueText.TryDate(value, out var date)) return PortalTime.StartOfDay(date, zone);
        return RobotValueText.TryInstant(value, out var instant) ? instant : null;
    }

    private static DateTimeOffset Shift(DateTimeOffset from, int amount, RobotTimeUnit unit, TimeZoneInfo zone) => unit switch
    {
        RobotTimeUnit.Days => PortalTime.AddDays(from, amount, zone),
        RobotTimeUnit.Hours => from.AddHours(amount),
        _ => from.AddMinutes(amount),
    };
}
