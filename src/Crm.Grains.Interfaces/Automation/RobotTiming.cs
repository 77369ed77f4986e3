namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// When a robot runs. <see cref="Amount"/> and <see cref="Unit"/> are the delay of
/// <see cref="RobotTimingKind.After"/> and the offset of <see cref="RobotTimingKind.AtField"/>
/// (before the field's value when <see cref="Before"/>): "1 day before closeDate" is
/// (AtField, 1, Days, "closeDate", Before: true).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.robot-timing")]
public sealed record RobotTiming(
    [property: Id(0)] RobotTimingKind Kind = RobotTimingKind.Immediately,
    [property: Id(1)] int Amount = 0,
    [property: Id(2)] RobotTimeUnit Unit = RobotTimeUnit.Minutes,
    /// <summary>The date or date-time field of <see cref="RobotTimingKind.AtField"/>.</summary>
    [property: Id(3)] string? FieldCode = null,
    [property: Id(4)] bool Before = false,
    /// <summary>
    /// True: a chain link, started when the robot before it in the stage's list has run (or was
    /// skipped); the first robot of a stage starts on entering the stage either way. False: started on
    /// entering the stage, in parallel with the others. An AtField robot in a chain runs at its field's
    /// time but never before the previous robot has run.
    /// </summary>
    [property: Id(5)] bool AfterPrevious = false,
    /// <summary>A due time outside the portal's working hours waits for the next working-hours start.</summary>
    [property: Id(6)] bool WorkingHoursOnly = false)
{
    public static RobotTiming Now { get; } = new();
}
