namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// An automation rule of one deal stage or lead status (Bitrix24's "robot"): when a record enters the
/// stage it does <see cref="Action"/> at the time <see cref="Timing"/> gives, if <see cref="Condition"/>
/// (checked when it is due) holds. A stage keeps its robots in a list; the order matters for
/// <see cref="RobotTiming.AfterPrevious"/> chains.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.robot")]
public sealed record Robot(
    /// <summary>Short id, unique within the stage (letters, digits, '-' and '_').</summary>
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] RobotAction Action,
    /// <summary>The action's settings; members the action does not use are null.</summary>
    [property: Id(3)] RobotSettings Settings,
    [property: Id(4)] RobotTiming Timing,
    /// <summary>Null: the robot always runs.</summary>
    [property: Id(5)] RobotCondition? Condition = null);
