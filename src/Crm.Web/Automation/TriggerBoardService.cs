using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>
/// Reads and changes the triggers of a deal pipeline or of the lead statuses, deciding rights as the
/// robots do: shown to whoever may read some records on the board, changed only with the settings
/// right (as the stages themselves are). A pipeline of another portal is not found.
/// </summary>
public sealed class TriggerBoardService(IGrainFactory grains, UserAccess access)
{
    public async Task<TriggerBoard> Deals(RequestUser user, long pipelineId)
    {
        var pipeline = await grains.GetGrain<IPipelineGrain>(GrainKeys.For(user.PortalId, pipelineId)).Get();
        var profile = await access.Of(user);
        if (!pipeline.Stages.Any(s => profile.ScopeOf(AccessEntity.Deal, AccessAction.Read, pipelineId, s.Id) > AccessScope.None))
            throw AccessChecks.Denied(AccessAction.Read, "the triggers of this pipeline");
        var triggers = await grains.GetGrain<IStageTriggersGrain>(RobotBoards.Deals(user.PortalId, pipelineId)).GetAll();
        return new TriggerBoard("deal", pipelineId, pipeline.Name, profile.MayChangeSettings(),
            pipeline.Stages.Select(s => new TriggerColumn(s.Id, s.Name, s.Color, s.IsFinal, triggers.GetValueOrDefault(s.Id) ?? [])).ToList());
    }

    public async Task<TriggerBoard> Leads(RequestUser user)
    {
        var statuses = await grains.GetGrain<ICrmListsGrain>(user.PortalId).GetLeadStatuses();
        var profile = await access.Of(user);
        if (!statuses.Any(s => profile.ScopeOf(AccessEntity.Lead, AccessAction.Read, null, s.Id) > AccessScope.None))
            throw AccessChecks.Denied(AccessAction.Read, "the triggers of the lead statuses");
        var triggers = await grains.GetGrain<IStageTriggersGrain>(RobotBoards.Leads(user.PortalId)).GetAll();
        return new TriggerBoard("lead", null, "Leads", profile.MayChangeSettings(),
            statuses.Select(s => new TriggerColumn(s.Id, s.Name, s.Color, s.Semantic != LeadStatusSemantic.InProgress, triggers.GetValueOrDefault(s.Id) ?? [])).ToList());
    }

    /// <summary>Replaces a deal stage's triggers; returns them as stored (checked and cleaned by the triggers grain).</summary>
    public async Task<IReadOnlyList<Trigger>> SetDeals(RequestUser user, long pipelineId, string stageId, IReadOnlyList<TriggerBody?>? triggers)
    {
        await access.RequireSettings(user);
        await grains.GetGrain<IPipelineGrain>(GrainKeys.For(user.PortalId, pipelineId)).Get();
        return await grains.GetGrain<IStageTriggersGrain>(RobotBoards.Deals(user.PortalId, pipelineId)).Set(stageId, TriggerBody.ToTriggers(triggers), user.UserId);
    }

    /// <summary>Replaces a lead status's triggers; returns them as stored.</summary>
    public async Task<IReadOnlyList<Trigger>> SetLeads(RequestUser user, string statusId, IReadOnlyList<TriggerBody?>? triggers)
    {
        await access.RequireSettings(user);
        return await grains.GetGrain<IStageTriggersGrain>(RobotBoards.Leads(user.PortalId)).Set(statusId, TriggerBody.ToTriggers(triggers), user.UserId);
    }
}
