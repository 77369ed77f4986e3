using Crm.Grains.Common;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Automation;

/// <summary>What the robots grain persists (plain JSON; keep member names stable).</summary>
public sealed class StageRobotsState
{
    public Dictionary<string, List<Robot>> Stages { get; set; } = [];
}

/// <summary>
/// Keeps the robots of one board's stages and checks each list before storing it: the record's fields
/// and templates, the stages and pipelines robots move or create records in, departments and users.
/// Records read a stage's list when they enter the stage and keep that copy for their jobs.
/// </summary>
[GrainType("stage-robots")]
public sealed class StageRobotsGrain(
    [PersistentState("stage-robots", StorageNames.Crm)] IPersistentState<StageRobotsState> state,
    IUserDirectory users,
    IAuditLog audit) : Grain, IStageRobotsGrain
{
    private (int PortalId, string Board) Key => Interfaces.Common.GrainKeys.ParseNamed(this.GetPrimaryKeyString());

    private string RecordKind => Key.Board == "lead" ? "lead" : "deal";

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Robot>>> GetAll() =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<Robot>>>(state.State.Stages.ToDictionary(s => s.Key, s => (IReadOnlyList<Robot>)s.Value));

    public Task<IReadOnlyList<Robot>> Get(string stageId) =>
        Task.FromResult<IReadOnlyList<Robot>>(state.State.Stages.TryGetValue(stageId, out var robots) ? robots : []);

    public async Task<IReadOnlyList<Robot>> Set(string stageId, IReadOnlyList<Robot> robots, int actorId)
    {
        var portalId = Key.PortalId;
        var custom = await GrainFactory.GetGrain<ICustomFieldsGrain>(portalId).Get(RecordKind);
        var catalogue = RobotFieldCatalogue.For(RecordKind, custom);
        var targets = await Targets(stageId);
        var checkedRobots = RobotRules.CheckStage(robots, catalogue, targets);
        foreach (var userId in checkedRobots.SelectMany(r => RobotRules.UserIds(r, catalogue)).Distinct())
            if (!await users.IsActiveUser(portalId, userId))
                throw CrmException.Invalid("unknown_user", $"There is no active user {userId} in this portal.", "settings.toUserId");

        if (checkedRobots.Count == 0) state.State.Stages.Remove(stageId);
        else state.State.Stages[stageId] = [.. checkedRobots];
        await state.WriteStateAsync();
        await audit.Record(portalId, actorId, "robots.saved", new { board = Key.Board, stageId, robots = checkedRobots.Select(r => new { r.Id, r.Name, action = r.Action.ToString() }) });
        return checkedRobots;
    }

    /// <summary>The stage must exist on this board; robots may move within it and create deals in any pipeline.</summary>
    private async Task<RobotTargets> Targets(string stageId)
    {
        var portalId = Key.PortalId;
        var pipelines = new Dictionary<long, IReadOnlyList<string>>();
        foreach (var summary in await GrainFactory.GetGrain<IPortalGrain>(portalId).GetPipelines())
            pipelines[summary.Id] = (await GrainFactory.GetGrain<IPipelineGrain>(Interfaces.Common.GrainKeys.For(portalId, summary.Id)).Get()).Stages.Select(s => s.Id).ToList();
        IReadOnlyCollection<string> stages = RecordKind == "lead"
            ? (await GrainFactory.GetGrain<ICrmListsGrain>(portalId).GetLeadStatuses()).Select(s => s.Id).ToList()
            : pipelines.TryGetValue(long.Parse(Key.Board["deal-".Length..], System.Globalization.CultureInfo.InvariantCulture), out var own) ? own : [];
        if (!stages.Contains(stageId))
            throw CrmException.NotFound("stage_not_found", $"There is no stage {stageId} on this board.");
        var departments = (await GrainFactory.GetGrain<IAccessGrain>(portalId).Get()).Departments.Select(d => d.Id).ToList();
        return new RobotTargets(stageId, stages, pipelines, departments);
    }
}
