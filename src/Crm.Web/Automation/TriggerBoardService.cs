using Crm.Grains.Interfaces.Automation;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>
/// Reads and changes the triggers of a deal pipeline or of the lead statuses, deciding rights as the
/// robots do (see <see cref="AutomationBoards"/>).
/// </summary>
public sealed class TriggerBoardService(IGrainFactory grains, AutomationBoards boards)
{
    public async Task<TriggerBoard> Deals(RequestUser user, long pipelineId)
    {
        var board = await boards.Deals(user, pipelineId, "the triggers of this pipeline");
        return With("deal", board, await grains.GetGrain<IStageTriggersGrain>(RobotBoards.Deals(user.PortalId, pipelineId)).GetAll());
    }

    public async Task<TriggerBoard> Leads(RequestUser user)
    {
        var board = await boards.Leads(user, "the triggers of the lead statuses");
        return With("lead", board, await grains.GetGrain<IStageTriggersGrain>(RobotBoards.Leads(user.PortalId)).GetAll());
    }

    /// <summary>Replaces a deal stage's triggers; returns them as stored (checked and cleaned by the triggers grain).</summary>
    public async Task<IReadOnlyList<Trigger>> SetDeals(RequestUser user, long pipelineId, string stageId, IReadOnlyList<TriggerBody?>? triggers)
    {
        await boards.RequireEditable(user, pipelineId);
        return await grains.GetGrain<IStageTriggersGrain>(RobotBoards.Deals(user.PortalId, pipelineId)).Set(stageId, TriggerBody.ToTriggers(triggers), user.UserId);
    }

    /// <summary>Replaces a lead status's triggers; returns them as stored.</summary>
    public async Task<IReadOnlyList<Trigger>> SetLeads(RequestUser user, string statusId, IReadOnlyList<TriggerBody?>? triggers)
    {
        await boards.RequireEditable(user, null);
        return await grains.GetGrain<IStageTriggersGrain>(RobotBoards.Leads(user.PortalId)).Set(statusId, TriggerBody.ToTriggers(triggers), user.UserId);
    }

    private static TriggerBoard With(string kind, AutomationBoard board, IReadOnlyDictionary<string, IReadOnlyList<Trigger>> triggers) =>
        new(kind, board.PipelineId, board.Name, board.MayEdit,
            board.Stages.Select(s => new TriggerColumn(s.Id, s.Name, s.Color, s.IsFinal, triggers.GetValueOrDefault(s.Id) ?? [], s.TakesTriggers)).ToList());
}
