using Crm.Grains.Interfaces.Automation;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>
/// Reads and changes the robots of a deal pipeline or of the lead statuses for the API and the
/// editor alike, so both decide rights the same way (see <see cref="AutomationBoards"/>).
/// </summary>
public sealed class RobotBoardService(IGrainFactory grains, AutomationBoards boards)
{
    public async Task<RobotBoard> Deals(RequestUser user, long pipelineId)
    {
        var board = await boards.Deals(user, pipelineId, "the robots of this pipeline");
        return With("deal", board, await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(user.PortalId, pipelineId)).GetAll());
    }

    public async Task<RobotBoard> Leads(RequestUser user)
    {
        var board = await boards.Leads(user, "the robots of the lead statuses");
        return With("lead", board, await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Leads(user.PortalId)).GetAll());
    }

    /// <summary>Replaces a deal stage's robots; returns them as stored (checked and cleaned by the robots grain).</summary>
    public async Task<IReadOnlyList<Robot>> SetDeals(RequestUser user, long pipelineId, string stageId, IReadOnlyList<Robot?>? robots)
    {
        await boards.RequireEditable(user, pipelineId);
        return await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(user.PortalId, pipelineId)).Set(stageId, Checked(robots), user.UserId);
    }

    /// <summary>Replaces a lead status's robots; returns them as stored.</summary>
    public async Task<IReadOnlyList<Robot>> SetLeads(RequestUser user, string statusId, IReadOnlyList<Robot?>? robots)
    {
        await boards.RequireEditable(user, null);
        return await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Leads(user.PortalId)).Set(statusId, Checked(robots), user.UserId);
    }

    private static RobotBoard With(string kind, AutomationBoard board, IReadOnlyDictionary<string, IReadOnlyList<Robot>> robots) =>
        new(kind, board.PipelineId, board.Name, board.MayEdit,
            board.Stages.Select(s => new RobotColumn(s.Id, s.Name, s.Color, s.IsFinal, robots.GetValueOrDefault(s.Id) ?? [])).ToList());

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
