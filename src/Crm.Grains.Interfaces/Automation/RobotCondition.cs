namespace Crm.Grains.Interfaces.Automation;

/// <summary>What a record must satisfy, when a robot is due, for the robot to run; otherwise it is skipped (and the timeline says why).</summary>
[GenerateSerializer, Immutable, Alias("crm.robot-condition")]
public sealed record RobotCondition(
    [property: Id(0)] ConditionMatch Match,
    [property: Id(1)] IReadOnlyList<ConditionRule> Rules);
