using Crm.Grains.Automation;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.CustomFields;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Stream;
using Crm.Grains.Stream;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.Outbox;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Leads;

/// <summary>The single writer of one lead: its field and status rules; the rest is <see cref="RecordGrain{TRecord}"/>.</summary>
[GrainType("lead")]
public sealed partial class LeadGrain(
    [PersistentState("lead", StorageNames.Crm)] IPersistentState<LeadState> state,
    ILeadReadModel readModel,
    IUserDirectory users,
    IOutbox outbox,
    INotificationStore notifications,
    RobotWakeQueue wakeQueue,
    TimeProvider clock,
    ILogger<LeadGrain> log) : RecordGrain<Lead, LeadState>(state, readModel, clock, log), ILeadGrain
{
    protected override string Kind => "Lead";

    private ICrmListsGrain Lists => GrainFactory.GetGrain<ICrmListsGrain>(Key.PortalId);

    public async Task<Lead> Create(LeadFields fields, string? statusId, int actorId)
    {
        var checkedFields = await Check(fields, null, actorId);
        var status = LeadStatusRules.ForNewLead(await Lists.GetLeadStatuses(), statusId);
        return await CommitNew(new Lead(Key.PortalId, Key.Id, status.Id, checkedFields, default, 0, default, 0, 0), actorId);
    }

    public Task<Lead> Get() => Task.FromResult(Current);

    public async Task<Lead> Update(LeadFields fields, long? expectedVersion, int actorId)
    {
        var lead = Current;
        CheckVersion(expectedVersion);
        var checkedFields = await Check(fields, lead.Fields.ResponsibleId, actorId);
        return await Apply(lead, lead with { Fields = checkedFields }, "updated", actorId);
    }

    public async Task<Lead> SetStatus(string statusId, long? expectedVersion, int actorId)
    {
        var lead = Current;
        CheckVersion(expectedVersion);
        var status = LeadStatusRules.ForChange(await Lists.GetLeadStatuses(), lead.StatusId, statusId);
        return await Apply(lead, lead with { StatusId = status.Id }, status.Semantic == LeadStatusSemantic.Junk ? "junked" : "status changed", actorId);
    }

    public Task Delete(long? expectedVersion, int actorId) => DeleteCurrent(expectedVersion, actorId);

    public async Task<TriggerResult> ApplyTrigger(TriggerHit hit)
    {
        var lead = Current;
        var statuses = await Lists.GetLeadStatuses();
        if (lead.Conversion is not null || statuses.FirstOrDefault(s => s.Id == lead.StatusId)?.Semantic == LeadStatusSemantic.Converted)
            return new TriggerResult(false, lead.StatusId, "the lead is converted");
        if (TriggerMoves.Refusal(statuses.Select(s => s.Id).ToList(), lead.StatusId, hit) is { } refusal)
            return new TriggerResult(false, lead.StatusId, refusal);
        var status = LeadStatusRules.ForChange(statuses, lead.StatusId, hit.StageId);
        await Apply(lead, lead with { StatusId = status.Id }, TimelineText.ByTrigger(hit), TimelineText.AutomationActor);
        return new TriggerResult(true, lead.StatusId);
    }

    public async Task<Lead> MergeFrom(long sourceId, int actorId)
    {
        var lead = Current;
        var source = await GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(Key.PortalId, sourceId)).Get();
        // A converted lead already lives on as its contact, company or deal: merging it would lose those links.
        if (lead.Conversion is not null || source.Conversion is not null)
            throw CrmException.Invalid("lead_converted", "A converted lead cannot be merged.", "mergeId");
        return await MergeCurrent(lead with { Fields = await Check(LeadMerge.Combine(lead.Fields, source.Fields), lead.Fields.ResponsibleId, actorId) }, sourceId, actorId);
    }

    public Task DeleteMerged(long intoId, int actorId) => DeleteAsMerged(intoId, actorId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        // The silo died during a conversion: undo what it had created (all or nothing); the user converts again.
        if (state.State.Conversion is { } pending)
            await Undo(pending);
        Wake.StartTimer(RobotQueue.NextDue(Robots));
    }

    public async Task<Lead> Convert(LeadConversionRequest request, long? expectedVersion, int actorId)
    {
        var lead = Current;
        CheckVersion(expectedVersion);
        if (state.State.Conversion is not null)
            throw CrmException.Conflict("conversion_running", "This lead is being converted already.");

        // 1. Check everything, so that a bad request creates nothing.
        var statuses = await Lists.GetLeadStatuses();
        var customFields = await GrainFactory.GetGrain<ICustomFieldsGrain>(Key.PortalId).Get(null);
        var plan = LeadConversionPlan.Make(lead, request, statuses, await Lists.GetContactTypes(), await Lists.GetCompanyTypes(), await Lists.GetIndustries(), customFields);
        await users.CheckActive(Key.PortalId, lead.Fields.ResponsibleId);
        foreach (var (target, userId) in ConversionCustom.Users(plan, customFields))
            if (!await users.IsActiveUser(Key.PortalId, userId))
                throw CrmException.Invalid("unknown_user", $"The new {target}: user {userId} is not an active user of this portal.", $"{target}Custom");
        var pipelineId = plan.Deal is null ? 0 : await PipelineFor(plan.PipelineId);
        var converted = statuses.First(s => s.Semantic == LeadStatusSemantic.Converted);

        // 2. Reserve the ids and record the conversion before creating anything, so a crash can be undone.
        var ids = new LeadConversion(
            plan.Contact is null ? null : await NextId("contact"),
            plan.Company is null ? null : await NextId("company"),
            plan.Deal is null ? null : await NextId("deal"));
        var pending = new PendingConversion(ids, plan, pipelineId, actorId);
        state.State.Conversion = pending;
        await state.WriteStateAsync();

        // 3. Create, linked to each other; then the lead ends converted, with links to what it became.
        try
        {
            if (plan.Company is { } company)
                await GrainFactory.GetGrain<ICompanyGrain>(GrainKeys.For(Key.PortalId, ids.CompanyId!.Value)).Create(company, actorId);
            if (plan.Contact is { } contact)
                await GrainFactory.GetGrain<IContactGrain>(GrainKeys.For(Key.PortalId, ids.ContactId!.Value))
                    .Create(contact, ids.CompanyId is { } c ? [c] : [], actorId);
            if (plan.Deal is { } deal)
                await GrainFactory.GetGrain<IDealGrain>(GrainKeys.For(Key.PortalId, ids.DealId!.Value)).Create(
                    new NewDeal(pipelineId, deal with { CompanyId = ids.CompanyId, ContactIds = ids.ContactId is { } p ? [p] : null }), actorId);
            state.State.Conversion = null;
            return await Apply(lead, lead with { StatusId = converted.Id, Conversion = ids }, "converted", actorId);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Conversion of lead {LeadId} failed; undoing it", Key.Id);
            state.State.Conversion = pending;
            await Undo(pending);
            throw;
        }
    }

    protected override Lead Stamp(Lead lead, long version, DateTimeOffset at, int actorId) => version == 1
        ? lead with { Version = 1, CreatedAt = at, CreatedBy = actorId, UpdatedAt = at, UpdatedBy = actorId }
        : lead with { Version = version, UpdatedAt = at, UpdatedBy = actorId };

    protected override IReadOnlyList<FieldChange> Diff(Lead? before, Lead after) =>
        before is null ? LeadDiff.Initial(after) : LeadDiff.Between(before, after);

    protected override async Task Publish(Lead lead, Lead? before, bool deleted)
    {
        if (!deleted && StreamEventRules.ForLead(before, lead) is { } streamEvent)
            await GrainFactory.GetGrain<IStreamEventsGrain>(lead.PortalId).Tell(streamEvent, lead.UpdatedBy);
        var kind = deleted ? LeadChangeKind.Deleted
            : before is null ? LeadChangeKind.Created
            : before.StatusId != lead.StatusId ? LeadChangeKind.StatusChanged
            : LeadChangeKind.Updated;
        await GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.LeadBoard(lead.PortalId)).PublishLead(new LeadChanged(kind, lead, before?.StatusId, before?.Fields.ResponsibleId));
    }

    /// <summary>Deletes whatever a conversion had created (deleted records keep their ids) and forgets it.</summary>
    private async Task Undo(PendingConversion pending)
    {
        var (ids, actor) = (pending.Ids, pending.ActorId);
        if (ids.DealId is { } deal) await DeleteIfCreated(() => GrainFactory.GetGrain<IDealGrain>(GrainKeys.For(Key.PortalId, deal)).Delete(null, actor));
        if (ids.ContactId is { } contact) await DeleteIfCreated(() => GrainFactory.GetGrain<IContactGrain>(GrainKeys.For(Key.PortalId, contact)).Delete(null, actor));
        if (ids.CompanyId is { } company) await DeleteIfCreated(() => GrainFactory.GetGrain<ICompanyGrain>(GrainKeys.For(Key.PortalId, company)).Delete(null, actor));
        state.State.Conversion = null;
        await state.WriteStateAsync();
    }

    private static async Task DeleteIfCreated(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
        {
            // Never created (or already undone): nothing to take back.
        }
    }

    private Task<long> NextId(string kind) => GrainFactory.GetGrain<IRecordIdGrain>(GrainKeys.For(Key.PortalId, kind)).Next();

    private async Task<long> PipelineFor(long? pipelineId)
    {
        var id = pipelineId ?? (await GrainFactory.GetGrain<IPortalGrain>(Key.PortalId).GetPipelines()).FirstOrDefault()?.Id
            ?? throw CrmException.Invalid("unknown_pipeline", "The portal has no pipeline.", "pipelineId");
        try
        {
            return (await GrainFactory.GetGrain<IPipelineGrain>(GrainKeys.For(Key.PortalId, id)).Get()).Id;
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
        {
            throw CrmException.Invalid("unknown_pipeline", $"Pipeline {id} does not exist.", "pipelineId");
        }
    }

    private async Task<LeadFields> Check(LeadFields fields, int? currentResponsible, int actorId)
    {
        var checkedFields = LeadRules.Check(fields, await Lists.GetLeadSources());
        await users.CheckResponsible(Key.PortalId, checkedFields.ResponsibleId, currentResponsible, actorId);
        return checkedFields with { Custom = await GrainFactory.CheckCustom(users, Key.PortalId, "lead", fields.Custom) };
    }
}
