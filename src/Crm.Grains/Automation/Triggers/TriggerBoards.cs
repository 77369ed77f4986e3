using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Automation.Triggers;

/// <summary>
/// The boards one event needs (stage order and triggers), each read once: an e-mail may concern
/// many deals of one pipeline.
/// </summary>
public sealed class TriggerBoards(IGrainFactory grains, int portalId)
{
    private readonly Dictionary<string, (IReadOnlyList<string> Order, IReadOnlyDictionary<string, IReadOnlyList<Trigger>> Triggers)> _boards = [];
    private IReadOnlyList<LeadStatus>? _statuses;

    public async Task<IReadOnlyList<LeadStatus>> LeadStatuses() =>
        _statuses ??= await grains.GetGrain<ICrmListsGrain>(portalId).GetLeadStatuses();

    public async Task<(IReadOnlyList<string> Order, IReadOnlyDictionary<string, IReadOnlyList<Trigger>> Triggers)> Deals(long pipelineId)
    {
        var key = RobotBoards.Deals(portalId, pipelineId);
        if (_boards.TryGetValue(key, out var board)) return board;
        var pipeline = await grains.GetGrain<IPipelineGrain>(GrainKeys.For(portalId, pipelineId)).Get();
        return _boards[key] = (pipeline.Stages.Select(s => s.Id).ToList(), await grains.GetGrain<IStageTriggersGrain>(key).GetAll());
    }

    public async Task<(IReadOnlyList<string> Order, IReadOnlyDictionary<string, IReadOnlyList<Trigger>> Triggers)> Leads()
    {
        var key = RobotBoards.Leads(portalId);
        if (_boards.TryGetValue(key, out var board)) return board;
        var order = (await LeadStatuses()).Select(s => s.Id).ToList();
        return _boards[key] = (order, await grains.GetGrain<IStageTriggersGrain>(key).GetAll());
    }
}
