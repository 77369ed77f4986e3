using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation.Triggers;

/// <summary>The trigger chosen for a record, with the stage it sits on; or why none is.</summary>
public sealed record TriggerPick(Trigger? Trigger, string? StageId, string? Reason);

/// <summary>
/// Which of a board's triggers an event fires for a record in <c>currentStageId</c>: of the stages
/// with a matching trigger (the first matching one of a stage), the furthest forward the record may
/// go to: any later stage, an earlier one only if its trigger allows going back.
/// </summary>
public static class TriggerChoice
{
    public static TriggerPick Pick(IReadOnlyList<string> stageOrder, string currentStageId,
        IReadOnlyDictionary<string, IReadOnlyList<Trigger>> triggersByStage, CustomerEvent customerEvent, long? sourcePipelineId = null)
    {
        var current = IndexOf(stageOrder, currentStageId);
        TriggerPick? best = null, sameStage = null, backOnly = null;
        // Walking the board's order skips triggers left on stages deleted since.
        for (var i = 0; i < stageOrder.Count; i++)
        {
            if (!triggersByStage.TryGetValue(stageOrder[i], out var triggers)) continue;
            var trigger = triggers.FirstOrDefault(t => TriggerMatch.Matches(t, customerEvent, sourcePipelineId));
            if (trigger is null) continue;
            var pick = new TriggerPick(trigger, stageOrder[i], null);
            if (i == current) sameStage = pick with { Reason = "the record is in that stage already" };
            else if (i > current || trigger.AllowBack) best = pick;
            else backOnly = pick with { Reason = "the trigger only moves records forward" };
        }
        return best ?? sameStage ?? backOnly ?? new TriggerPick(null, null, "no trigger on the record's board waits for this event");
    }

    private static int IndexOf(IReadOnlyList<string> order, string id)
    {
        for (var i = 0; i < order.Count; i++)
            if (order[i] == id) return i;
        return -1;
    }
}
