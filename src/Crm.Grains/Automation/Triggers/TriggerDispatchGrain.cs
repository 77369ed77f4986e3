using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Crm.Grains.Automation.Triggers;

/// <summary>
/// Finds the records an event concerns (the named record, the read model's matches for an e-mail or
/// phone, the client's other deals), chooses each one's trigger on its own board and has the
/// record's grain apply it, which re-checks open/closed and forward-only against its real state.
/// Stateless: any silo may run as many as the events need.
/// </summary>
[StatelessWorker]
[GrainType("trigger-dispatch")]
public sealed class TriggerDispatchGrain(ITriggerRecords records, ILogger<TriggerDispatchGrain> logger) : Grain, ITriggerDispatchGrain
{
    private int PortalId => (int)this.GetPrimaryKeyLong();

    /// <summary>A record as the trigger sees it: where it is, whose it is, and why it can no longer move (closed, converted).</summary>
    private sealed record Current(string Entity, string StageId, int ResponsibleId, long? PipelineId, string? Final);

    public async Task<TriggerReport> Dispatch(CustomerEvent customerEvent, int? actorId)
    {
        var e = CustomerEventRules.Check(customerEvent);
        var profile = actorId is { } id ? await GrainFactory.GetGrain<IAccessGrain>(PortalId).ProfileOf(id) : null;
        if (profile is not null && !profile.MayEver(AccessEntity.Lead, AccessAction.Edit) && !profile.MayEver(AccessEntity.Deal, AccessAction.Edit))
            throw CrmException.Forbidden("access_denied", "Your role does not allow you to change leads or deals, so no trigger can move one for you.");
        var boards = new TriggerBoards(GrainFactory, PortalId);
        // A named record that does not exist (or is another portal's) is refused; a match found by address that vanished since is skipped.
        var named = e.Record is not null && e.Kind != TriggerKind.DealStage;
        var (targets, sourcePipeline) = await Targets(e, boards);
        var outcomes = new List<TriggerOutcome>();
        foreach (var target in targets)
            if (await Apply(target, e, sourcePipeline, profile, boards, named) is { } outcome)
                outcomes.Add(outcome);
        return new TriggerReport(outcomes);
    }

    public async Task Post(CustomerEvent customerEvent)
    {
        try
        {
            await Dispatch(customerEvent, null);
        }
        catch (Exception ex)
        {
            // Nobody waits for a posted event: the log is the only place its failure can go.
            logger.LogWarning(ex, "Trigger event {Kind} of portal {PortalId} failed", customerEvent.Kind, PortalId);
        }
    }

    private async Task<(IReadOnlyList<RecordRef> Targets, long? SourcePipeline)> Targets(CustomerEvent e, TriggerBoards boards)
    {
        if (e.Kind == TriggerKind.DealStage)
        {
            var client = await records.ClientDealsOf(PortalId, e.Record!.Id, TriggerLimits.MaxRecordsPerEvent);
            return client is null ? ([], null) : (client.OtherDealIds.Select(d => new RecordRef("deal", d)).ToList(), client.PipelineId);
        }
        if (e.Record is { } record) return ([record], null);
        var converted = (await boards.LeadStatuses()).Where(s => s.Semantic == LeadStatusSemantic.Converted).Select(s => s.Id).ToList();
        var phoneKey = e.Phone is null ? null : Common.ContactPoints.PhoneKey(e.Phone);
        return (await records.ByContactPoint(PortalId, e.Email, phoneKey, converted, TriggerLimits.MaxRecordsPerEvent), null);
    }

    private async Task<TriggerOutcome?> Apply(RecordRef target, CustomerEvent e, long? sourcePipeline, AccessProfile? profile, TriggerBoards boards, bool named)
    {
        Current current;
        try
        {
            current = await Read(target, boards);
        }
        catch (CrmException ex) when (ex.Kind == CrmErrorKind.NotFound && !named)
        {
            return null;
        }
        if (profile is not null && !profile.Allows(current.Entity, AccessAction.Read, current.ResponsibleId, current.PipelineId, current.StageId))
        {
            if (named) throw CrmException.Forbidden("access_denied", $"Your role does not allow you to see this {target.Kind}.");
            return null;
        }
        // The record grain refuses these too; saying so first beats naming a trigger that could never apply.
        if (current.Final is { } final) return new TriggerOutcome(target.Kind, target.Id, false, current.StageId, Reason: final);
        var (order, triggers) = current.PipelineId is { } pipelineId ? await boards.Deals(pipelineId) : await boards.Leads();
        var pick = TriggerChoice.Pick(order, current.StageId, triggers, e, sourcePipeline);
        var outcome = new TriggerOutcome(target.Kind, target.Id, false, current.StageId, pick.StageId, pick.Trigger?.Id, pick.Trigger?.Name, pick.Reason);
        if (pick is not { Trigger: { } trigger, StageId: { } stageId, Reason: null }) return outcome;
        if (profile is not null && !(profile.Allows(current.Entity, AccessAction.Edit, current.ResponsibleId, current.PipelineId, current.StageId)
                                     && profile.Allows(current.Entity, AccessAction.Edit, current.ResponsibleId, current.PipelineId, stageId)))
            return outcome with { Reason = $"your role does not allow you to change this {target.Kind} there" };
        try
        {
            var hit = new TriggerHit(trigger.Id, trigger.Name, stageId, trigger.AllowBack, TriggerEventText.Of(e));
            var result = target.Kind == "deal"
                ? await GrainFactory.GetGrain<IDealGrain>(GrainKeys.For(PortalId, target.Id)).ApplyTrigger(hit)
                : await GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(PortalId, target.Id)).ApplyTrigger(hit);
            return outcome with { Moved = result.Moved, FromStageId = result.FromStageId, Reason = result.Reason };
        }
        catch (CrmException ex)
        {
            // One record's refusal (say a status changed under it) must not hide what happened to the others.
            return outcome with { Reason = ex.Message };
        }
    }

    private async Task<Current> Read(RecordRef target, TriggerBoards boards)
    {
        if (target.Kind == "deal")
        {
            var deal = await GrainFactory.GetGrain<IDealGrain>(GrainKeys.For(PortalId, target.Id)).Get();
            return new Current(AccessEntity.Deal, deal.StageId, deal.ResponsibleId, deal.PipelineId, deal.IsClosed ? "the deal is closed" : null);
        }
        var lead = await GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(PortalId, target.Id)).Get();
        var converted = lead.Conversion is not null
            || (await boards.LeadStatuses()).Any(s => s.Id == lead.StatusId && s.Semantic == LeadStatusSemantic.Converted);
        return new Current(AccessEntity.Lead, lead.StatusId, lead.Fields.ResponsibleId, null, converted ? "the lead is converted" : null);
    }
}
