namespace Crm.Grains.Interfaces.Automation;

/// <summary>When a robot runs, relative to its start (entering the stage, or the previous robot's finish in a chain).</summary>
[GenerateSerializer]
public enum RobotTimingKind
{
    /// <summary>At its start.</summary>
    Immediately = 0,

    /// <summary>A delay (<see cref="RobotTiming.Amount"/> <see cref="RobotTiming.Unit"/>) after its start.</summary>
    After = 1,

    /// <summary>At a date or date-time field of the record, moved by an offset before or after it.</summary>
    AtField = 2,
}
