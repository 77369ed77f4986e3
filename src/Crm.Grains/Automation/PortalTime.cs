namespace Crm.Grains.Automation;

/// <summary>Wall-clock arithmetic in a portal's time zone, DST-correct: what "the start of a day" and "2 days later" mean there.</summary>
public static class PortalTime
{
    /// <summary>The zone of an IANA (or Windows) id; null when the system does not know it.</summary>
    public static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id.Trim()); }
        catch (TimeZoneNotFoundException) { return null; }
        catch (InvalidTimeZoneException) { return null; }
    }

    /// <summary>The wall-clock time of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateTime Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>
    /// The instant a wall-clock time of <paramref name="zone"/> names. A time skipped by a
    /// spring-forward change is read with the offset before the change (02:30 becomes 03:30 summer
    /// time); a time that occurs twice in autumn is its first occurrence.
    /// </summary>
    public static DateTimeOffset Instant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
            return new DateTimeOffset(local, zone.GetUtcOffset(local.AddDays(-1))).ToUniversalTime();
        if (zone.IsAmbiguousTime(local))
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max()).ToUniversalTime();
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The start of <paramref name="date"/> in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone) => Instant(date.ToDateTime(TimeOnly.MinValue), zone);

    /// <summary><paramref name="days"/> calendar days later (earlier when negative), at the same wall-clock time.</summary>
    public static DateTimeOffset AddDays(DateTimeOffset instant, int days, TimeZoneInfo zone) => Instant(Local(instant, zone).AddDays(days), zone);
}
