using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>A stage (or lead status) as an automation board shows it.</summary>
/// <param name="TakesTriggers">False for the converted lead status: a converted lead stays where it is, so no trigger may lead there.</param>
public sealed record AutomationStage(string Id, string Name, string Color, bool IsFinal, bool TakesTriggers = true);

/// <summary>A board's stages in order, and whether the user may change its robots and triggers.</summary>
public sealed record AutomationBoard(long? PipelineId, string Name, bool MayEdit, IReadOnlyList<AutomationStage> Stages);

/// <summary>
/// The boards robots and triggers live on, as a user may see them: shown to whoever may read some
/// records on the board, editable with the settings right (as the stages themselves are). A pipeline
/// of another portal is not found, as one that exists nowhere.
/// </summary>
public sealed class AutomationBoards(IGrainFactory grains, UserAccess access)
{
    /// <param name="what">What is refused, for the message ("the robots of this pipeline").</param>
    public async Task<AutomationBoard> Deals(RequestUser user, long pipelineId, string what)
    {
        var pipeline = await grains.GetGrain<IPipelineGrain>(GrainKeys.For(user.PortalId, pipelineId)).Get();
        var profile = await access.Of(user);
        if (!pipeline.Stages.Any(s => profile.ScopeOf(AccessEntity.Deal, AccessAction.Read, pipelineId, s.Id) > AccessScope.None))
            throw AccessChecks.Denied(AccessAction.Read, what);
        return new AutomationBoard(pipelineId, pipeline.Name, profile.MayChangeSettings(),
            pipeline.Stages.Select(s => new AutomationStage(s.Id, s.Name, s.Color, s.IsFinal)).ToList());
    }

    public async Task<AutomationBoard> Leads(RequestUser user, string what)
    {
        var statuses = await grains.GetGrain<ICrmListsGrain>(user.PortalId).GetLeadStatuses();
        var profile = await access.Of(user);
        if (!statuses.Any(s => profile.ScopeOf(AccessEntity.Lead, AccessAction.Read, null, s.Id) > AccessScope.None))
            throw AccessChecks.Denied(AccessAction.Read, what);
        return new AutomationBoard(null, "Leads", profile.MayChangeSettings(),
            statuses.Select(s => new AutomationStage(s.Id, s.Name, s.Color, s.Semantic != LeadStatusSemantic.InProgress, s.Semantic != LeadStatusSemantic.Converted)).ToList());
    }

    /// <summary>Changing a board's robots or triggers: the settings right, and for a pipeline one of this portal.</summary>
    public async Task RequireEditable(RequestUser user, long? pipelineId)
    {
        await access.RequireSettings(user);
        if (pipelineId is { } id) await grains.GetGrain<IPipelineGrain>(GrainKeys.For(user.PortalId, id)).Get();
    }
}
