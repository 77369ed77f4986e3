namespace Crm.Grains.Automation;

/// <summary>When a robot is due (UTC), or why it cannot be scheduled (the timeline records the reason).</summary>
public sealed record RobotDue(DateTimeOffset? At, string? Reason = null)
{
    public bool Scheduled => At is not null;

    public static RobotDue On(DateTimeOffset at) => new(at.ToUniversalTime());

    public static RobotDue Never(string reason) => new(null, reason);
}
