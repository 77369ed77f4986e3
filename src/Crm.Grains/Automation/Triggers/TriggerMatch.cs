using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation.Triggers;

/// <summary>Whether a trigger waits for this event: the same kind, and the kind's settings agree.</summary>
public static class TriggerMatch
{
    /// <param name="sourcePipelineId">For a DealStage event: the pipeline of the deal that reached the stage.</param>
    public static bool Matches(Trigger trigger, CustomerEvent customerEvent, long? sourcePipelineId = null)
    {
        if (trigger.Kind != customerEvent.Kind) return false;
        return trigger.Kind switch
        {
            TriggerKind.Webhook => string.Equals(trigger.Code, customerEvent.Code, StringComparison.OrdinalIgnoreCase),
            TriggerKind.WebForm => trigger.FormId is null || string.Equals(trigger.FormId, customerEvent.FormId, StringComparison.OrdinalIgnoreCase),
            TriggerKind.ChatMessage => (trigger.Channel is null || string.Equals(trigger.Channel, customerEvent.Channel, StringComparison.OrdinalIgnoreCase))
                && (trigger.FirstMessageOnly != true || customerEvent.FirstMessage),
            TriggerKind.DealStage => trigger.PipelineId == sourcePipelineId && trigger.StageId == customerEvent.StageId,
            _ => true,
        };
    }
}
