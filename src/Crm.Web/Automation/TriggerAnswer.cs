using Crm.Grains.Interfaces.Automation;

namespace Crm.Web.Automation;

/// <summary>What an event did: the records that moved (from → to, by which trigger) and those that did not, with why.</summary>
public sealed record TriggerAnswer(IReadOnlyList<TriggerOutcome> Moved, IReadOnlyList<TriggerOutcome> NotMoved)
{
    public static TriggerAnswer Of(TriggerReport report) =>
        new([.. report.Records.Where(r => r.Moved)], [.. report.Records.Where(r => !r.Moved)]);
}
