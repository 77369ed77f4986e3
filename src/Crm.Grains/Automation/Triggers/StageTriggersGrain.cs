using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Automation.Triggers;

/// <summary>What the triggers grain persists (plain JSON; keep member names stable).</summary>
public sealed class StageTriggersState
{
    public Dictionary<string, List<Trigger>> Stages { get; set; } = [];
}

/// <summary>
/// Keeps the triggers of one board's stages (keys as <see cref="RobotBoards"/>) and checks each list
/// before storing it: the stage is on the board, webhook codes are unique on it, the pipelines and
/// stages DealStage triggers name exist. The dispatcher reads the whole board for each event.
/// </summary>
[GrainType("stage-triggers")]
public sealed class StageTriggersGrain(
    [PersistentState("stage-triggers", Common.StorageNames.Crm)] IPersistentState<StageTriggersState> state,
    IAuditLog audit) : Grain, IStageTriggersGrain
{
    private (int PortalId, string Board) Key => GrainKeys.ParseNamed(this.GetPrimaryKeyString());

    private bool LeadBoard => Key.Board == "lead";

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Trigger>>> GetAll() =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<Trigger>>>(state.State.Stages.ToDictionary(s => s.Key, s => (IReadOnlyList<Trigger>)s.Value));

    public Task<IReadOnlyList<Trigger>> Get(string stageId) =>
        Task.FromResult<IReadOnlyList<Trigger>>(state.State.Stages.TryGetValue(stageId, out var triggers) ? triggers : []);

    public async Task<IReadOnlyList<Trigger>> Set(string stageId, IReadOnlyList<Trigger> triggers, int actorId)
    {
        var checkedTriggers = TriggerRules.CheckStage(triggers, await Targets(stageId));
        if (checkedTriggers.Count == 0) state.State.Stages.Remove(stageId);
        else state.State.Stages[stageId] = [.. checkedTriggers];
        await state.WriteStateAsync();
        await audit.Record(Key.PortalId, actorId, "triggers.saved", new
        {
            board = Key.Board, stageId,
            triggers = checkedTriggers.Select(t => new { t.Id, t.Name, kind = t.Kind.ToString(), t.AllowBack, t.Code }),
        });
        return checkedTriggers;
    }

    /// <summary>The stage must be on this board; DealStage triggers may name any pipeline's stage.</summary>
    private async Task<TriggerTargets> Targets(string stageId)
    {
        var portalId = Key.PortalId;
        var pipelines = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var summary in await GrainFactory.GetGrain<IPortalGrain>(portalId).GetPipelines())
            pipelines[summary.Id] = (await GrainFactory.GetGrain<IPipelineGrain>(GrainKeys.For(portalId, summary.Id)).Get()).Stages.Select(s => s.Id).ToList();
        IReadOnlyList<string> stages;
        var converted = false;
        if (LeadBoard)
        {
            var statuses = await GrainFactory.GetGrain<ICrmListsGrain>(portalId).GetLeadStatuses();
            stages = statuses.Select(s => s.Id).ToList();
            converted = statuses.Any(s => s.Id == stageId && s.Semantic == LeadStatusSemantic.Converted);
        }
        else
        {
            stages = pipelines.TryGetValue(long.Parse(Key.Board["deal-".Length..], System.Globalization.CultureInfo.InvariantCulture), out var own) ? own : [];
        }
        if (!stages.Contains(stageId))
            throw CrmException.NotFound("stage_not_found", $"There is no stage {stageId} on this board.");
        var otherCodes = state.State.Stages.Where(s => s.Key != stageId && stages.Contains(s.Key))
            .SelectMany(s => s.Value).Select(t => t.Code).OfType<string>().ToList();
        return new TriggerTargets(stageId, LeadBoard, converted, pipelines, otherCodes);
    }
}
