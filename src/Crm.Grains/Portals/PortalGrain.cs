using Crm.Grains.Automation;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Portals;

[GrainType("portal")]
public sealed class PortalGrain(
    [PersistentState("portal", StorageNames.Crm)] IPersistentState<PortalState> state,
    IAuditLog audit) : Grain, IPortalGrain
{
    public const string DefaultPipelineName = "Sales";

    private int PortalId => (int)this.GetPrimaryKeyLong();

    public async Task Create(string name, int actorId)
    {
        if (state.State.Name is null)
        {
            state.State.Name = Pipelines.StageRules.CheckName(name);
            await state.WriteStateAsync();
        }
        // Also completes a creation that stopped between the two writes.
        if (state.State.PipelineIds.Count == 0)
            await CreatePipeline(DefaultPipelineName, [], actorId);
    }

    public Task<bool> Exists() => Task.FromResult(state.State.Name is not null);

    public async Task<IReadOnlyList<PipelineSummary>> GetPipelines()
    {
        // Names are asked of the pipelines themselves, so a rename shows everywhere at once.
        var pipelines = await Task.WhenAll(state.State.PipelineIds.Select(id =>
            GrainFactory.GetGrain<IPipelineGrain>(GrainKeys.For(PortalId, id)).Get()));
        return pipelines.Select((p, i) => new PipelineSummary(p.Id, p.Name, IsDefault: i == 0)).ToList();
    }

    public async Task<Pipeline> CreatePipeline(string name, IReadOnlyList<NewStage> stages, int actorId)
    {
        if (state.State.Name is null)
            throw CrmException.NotFound("portal_not_found", $"Portal {PortalId} does not exist.");
        var id = await GrainFactory.GetGrain<IRecordIdGrain>(GrainKeys.For(PortalId, "pipeline")).Next();
        var pipeline = await GrainFactory.GetGrain<IPipelineGrain>(GrainKeys.For(PortalId, id)).Create(name, stages, actorId);
        state.State.PipelineIds.Add(id);
        await state.WriteStateAsync();
        return pipeline;
    }

    public Task<WorkingHours> GetWorkingHours() => Task.FromResult(state.State.WorkingHours ?? WorkingHours.Default());

    public async Task<WorkingHours> SetWorkingHours(WorkingHours hours, int actorId)
    {
        if (state.State.Name is null)
            throw CrmException.NotFound("portal_not_found", $"Portal {PortalId} does not exist.");
        var checkedHours = WorkingHoursRules.Check(hours);
        state.State.WorkingHours = checkedHours;
        await state.WriteStateAsync();
        await audit.Record(PortalId, actorId, "working_hours.saved", new { checkedHours.TimeZoneId, days = checkedHours.Days.Select(d => d.ToString()), start = checkedHours.Start.ToString("HH:mm"), end = checkedHours.End.ToString("HH:mm") });
        return checkedHours;
    }
}
