using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>
/// Reads and changes the robots of a deal pipeline or of the lead statuses for the API and the
/// editor alike, so both decide rights the same way: a board's robots are shown to whoever may read
/// some records on it, and changed only with the settings right (as the stages themselves are).
/// A pipeline of another portal is not found, as one that exists nowhere.
/// </summary>
public sealed class RobotBoardService(IGrainFactory grains, UserAccess access)
{
    public async Task<RobotBoard> Deals(RequestUser user, long pipelineId)
    {
        var pipeline = await grains.GetGrain<IPipelineGrain>(GrainKeys.For(user.PortalId, pipelineId)).Get();
        var profile = await access.Of(user);
        if (!pipeline.Stages.Any(s => profile.ScopeOf(AccessEntity.Deal, AccessAction.Read, pipelineId, s.Id) > AccessScope.None))
            throw AccessChecks.Denied(AccessAction.Read, "the robots of this pipeline");
        var robots = await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(user.PortalId, pipelineId)).GetAll();
        return new RobotBoard("deal", pipelineId, pipeline.Name, profile.MayChangeSettings(),
            pipeline.Stages.Select(s => new RobotColumn(s.Id, s.Name, s.Color, s.IsFinal, robots.GetValueOrDefault(s.Id) ?? [])).ToList());
    }

    public async Task<RobotBoard> Leads(RequestUser user)
    {
        var statuses = await grains.GetGrain<ICrmListsGrain>(user.PortalId).GetLeadStatuses();
        var profile = await access.Of(user);
        if (!statuses.Any(s => profile.ScopeOf(AccessEntity.Lead, AccessAction.Read, null, s.Id) > AccessScope.None))
            throw AccessChecks.Denied(AccessAction.Read, "the robots of the lead statuses");
        var robots = await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Leads(user.PortalId)).GetAll();
        return new RobotBoard("lead", null, "Leads", profile.MayChangeSettings(),
            statuses.Select(s => new RobotColumn(s.Id, s.Name, s.Color, s.Semantic != LeadStatusSemantic.InProgress, robots.GetValueOrDefault(s.Id) ?? [])).ToList());
    }

    /// <summary>Replaces a deal stage's robots; returns them as stored (checked and cleaned by the robots grain).</summary>
    public async Task<IReadOnlyList<Robot>> SetDeals(RequestUser user, long pipelineId, string stageId, IReadOnlyList<Robot?>? robots)
    {
        await access.RequireSettings(user);
        await grains.GetGrain<IPipelineGrain>(GrainKeys.For(user.PortalId, pipelineId)).Get();
        return await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(user.PortalId, pipelineId)).Set(stageId, Checked(robots), user.UserId);
    }

    /// <summary>Replaces a lead status's robots; returns them as stored.</summary>
    public async Task<IReadOnlyList<Robot>> SetLeads(RequestUser user, string statusId, IReadOnlyList<Robot?>? robots)
    {
        await access.RequireSettings(user);
        return await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Leads(user.PortalId)).Set(statusId, Checked(robots), user.UserId);
    }

    /// <summary>The list as the grain takes it: present, without holes (JSON may send null for either).</summary>
    private static IReadOnlyList<Robot> Checked(IReadOnlyList<Robot?>? robots)
    {
        if (robots is null)
            throw CrmException.Invalid("robots_required", "Send the stage's robots as a list; an empty list removes them all.", "robots");
        for (var i = 0; i < robots.Count; i++)
            if (robots[i] is null)
                throw CrmException.Invalid("robot_required", $"Robot {i + 1} is empty.", $"robots[{i}]");
        return robots.Select(r => r!).ToList();
    }
}
