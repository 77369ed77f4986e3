namespace Crm.Grains.Automation;

/// <summary>Whether a robot's condition holds; when not, <see cref="Reason"/> says why in a short line for the timeline.</summary>
public sealed record ConditionOutcome(bool Matched, string? Reason = null)
{
    public static ConditionOutcome Yes { get; } = new(true);

    public static ConditionOutcome No(string reason) => new(false, reason);
}
