namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// A portal's working time, for robots that run only within it: the days of the week and one window
/// of the day (start before end; no shift across midnight), in the portal's time zone (an IANA id
/// such as "Europe/Berlin").
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.working-hours")]
public sealed record WorkingHours(
    [property: Id(0)] string TimeZoneId,
    [property: Id(1)] IReadOnlyList<DayOfWeek> Days,
    [property: Id(2)] TimeOnly Start,
    [property: Id(3)] TimeOnly End)
{
    /// <summary>Bitrix24's default: Monday to Friday, 9:00 to 18:00.</summary>
    public static WorkingHours Default(string timeZoneId = "UTC") => new(timeZoneId,
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(9, 0), new TimeOnly(18, 0));
}
