using System.Globalization;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Web.Automation;

/// <summary>
/// A portal's working hours on the API: an IANA time zone id, the working days, and the day's window
/// as "HH:mm" (the same record is the PUT body; missing members are refused, not defaulted).
/// </summary>
public sealed record WorkingHoursView(string? TimeZoneId, IReadOnlyList<DayOfWeek>? Days, string? Start, string? End)
{
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm"];

    public static WorkingHoursView Of(WorkingHours hours) =>
        new(hours.TimeZoneId, hours.Days, Text(hours.Start), Text(hours.End));

    /// <summary>The working hours this body asks for (their rules are checked by the portal grain).</summary>
    public WorkingHours ToWorkingHours() => new(TimeZoneId ?? "", Days ?? [], Time(Start, "start"), Time(End, "end"));

    public static string Text(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static TimeOnly Time(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? throw CrmException.Invalid("time_required", $"Give the {field} of the working day as HH:mm, e.g. 09:00.", field)
        : TimeOnly.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw CrmException.Invalid("invalid_time", $"'{text}' is not a time of day; use HH:mm, e.g. 09:00.", field);
}
