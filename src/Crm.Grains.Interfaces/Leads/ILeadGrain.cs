namespace Crm.Grains.Interfaces.Leads;

/// <summary>
/// The single writer of one lead; key "{portal}/{id}". Commands that take an expected version fail
/// with a conflict when the lead has changed since the caller read it.
/// </summary>
public interface ILeadGrain : IGrainWithStringKey, Automation.IRobotRecordGrain
{
    /// <summary>Creates the lead in the given status (the first one when null).</summary>
    Task<Lead> Create(LeadFields fields, string? statusId, int actorId);

    Task<Lead> Get();

    Task<Lead> Update(LeadFields fields, long? expectedVersion, int actorId);

    /// <summary>Moves the lead to an in-progress or junk status; conversion is a command of its own.</summary>
    Task<Lead> SetStatus(string statusId, long? expectedVersion, int actorId);

    Task Delete(long? expectedVersion, int actorId);

    /// <summary>Takes the duplicate <paramref name="sourceId"/>'s values into this record (this record's values win); the duplicate stays until <see cref="DeleteMerged"/>.</summary>
    Task<Lead> MergeFrom(long sourceId, int actorId);

    /// <summary>Deletes this record as merged into <paramref name="intoId"/>.</summary>
    Task DeleteMerged(long intoId, int actorId);

    /// <summary>
    /// Turns the lead into the requested contact, company and deal, linked to each other and to the
    /// lead, which ends converted. All or nothing: everything is checked before anything is created,
    /// and records created before a failure are deleted again.
    /// </summary>
    Task<Lead> Convert(LeadConversionRequest request, long? expectedVersion, int actorId);

    /// <summary>
    /// A trigger of the record's board fired for this lead: it moves to the trigger's stage if the
    /// lead is open and the move is forward (or the trigger allows going back); otherwise nothing
    /// changes and the result says why. Recorded on the timeline as done by the trigger.
    /// </summary>
    Task<Automation.TriggerResult> ApplyTrigger(Automation.TriggerHit hit);
}
