using Crm.Grains.Interfaces.Common;

namespace Crm.Grains.Interfaces.Deals;

/// <summary>
/// One deal; key "{portal}/{dealId}" (<see cref="GrainKeys"/>). The single writer of the deal:
/// every command validates, persists, projects to the read model and publishes a live event
/// before it returns. <c>expectedVersion</c>, when given, must equal the current version or the
/// command is refused as a conflict.
/// </summary>
public interface IDealGrain : IGrainWithStringKey, Automation.IRobotRecordGrain
{
    /// <summary>Creates the deal; refused if this id already holds one.</summary>
    Task<Deal> Create(NewDeal deal, int actorId);

    /// <summary>The deal; NotFound if it never existed or was deleted.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Deal> Get();

    /// <summary>Replaces the editable fields.</summary>
    Task<Deal> Update(DealFields fields, long? expectedVersion, int actorId);

    /// <summary>
    /// Moves the deal to a stage of its pipeline (or reorders it inside its column when the stage is
    /// unchanged). Entering a won or lost stage closes the deal; a closed deal does not move.
    /// </summary>
    Task<Deal> Move(string stageId, double? position, long? expectedVersion, int actorId);

    /// <summary>Closes the deal in the pipeline's first won or lost stage.</summary>
    Task<Deal> Close(DealOutcome outcome, long? expectedVersion, int actorId);

    /// <summary>Reopens a closed deal into an in-progress stage (the first one when null).</summary>
    Task<Deal> Reopen(string? stageId, long? expectedVersion, int actorId);

    /// <summary>Deletes the deal; later commands answer NotFound.</summary>
    Task Delete(long? expectedVersion, int actorId);

    /// <summary>
    /// Used by the pipeline while deleting <paramref name="fromStageId"/>: moves the deal to
    /// <paramref name="toStageId"/> if it is still in the deleted stage, closed or not.
    /// </summary>
    Task RelocateFromDeletedStage(string fromStageId, string toStageId, int actorId);

    /// <summary>
    /// A trigger of the record's board fired for this deal: it moves to the trigger's stage if the
    /// deal is open and the move is forward (or the trigger allows going back); otherwise nothing
    /// changes and the result says why. Recorded on the timeline as done by the trigger.
    /// </summary>
    Task<Automation.TriggerResult> ApplyTrigger(Automation.TriggerHit hit);
}
