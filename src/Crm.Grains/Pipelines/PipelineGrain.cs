using Crm.Grains.Common;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Pipelines;

[GrainType("pipeline")]
public sealed class PipelineGrain(
    [PersistentState("pipeline", StorageNames.Crm)] IPersistentState<PipelineState> state,
    IPipelineReadModel pipelines,
    IDealReadModel deals,
    ILogger<PipelineGrain> log) : Grain, IPipelineGrain
{
    // Enough passes to catch deals that entered the stage while the first pass ran.
    private const int RelocationPasses = 5;

    private int PortalId => GrainKeys.Parse(this.GetPrimaryKeyString()).PortalId;
    private long PipelineId => GrainKeys.Parse(this.GetPrimaryKeyString()).Id;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.PendingRelocations.Count > 0)
            await RelocatePending();
    }

    public async Task<Pipeline> Create(string name, IReadOnlyList<NewStage> stages, int actorId)
    {
        if (state.State.Pipeline is not null)
            throw CrmException.Conflict("pipeline_exists", $"Pipeline {PipelineId} already exists.");
        var checkedName = StageRules.CheckName(name);
        var list = stages.Count == 0
            ? DefaultStages.All.Select(d => ToStage(d.Stage, d.Code)).ToList()
            : stages.Select(s => ToStage(s, $"S{state.State.NextStageNumber++}")).ToList();
        StageRules.CheckStructure(list);
        return await Save(new Pipeline(PortalId, PipelineId, checkedName, list, 1));
    }

    public Task<Pipeline> Get() => Task.FromResult(Current);

    public Task<Pipeline> Rename(string name, int actorId) =>
        Save(Current with { Name = StageRules.CheckName(name), Version = Current.Version + 1 });

    public Task<Pipeline> AddStage(NewStage stage, int actorId)
    {
        var pipeline = Current;
        var added = ToStage(stage, $"S{state.State.NextStageNumber}");
        var list = StageRules.Add(pipeline.Stages, added, stage.Index);
        state.State.NextStageNumber++;
        return Save(pipeline with { Stages = list, Version = pipeline.Version + 1 });
    }

    public Task<Pipeline> UpdateStage(string stageId, string name, string color, int actorId)
    {
        var pipeline = Current;
        var stage = pipeline.FindStage(stageId) ?? throw StageRules.UnknownStage(stageId);
        var changed = stage with { Name = StageRules.CheckName(name), Color = StageRules.CheckColor(color) };
        if (changed == stage) return Task.FromResult(pipeline);
        return Save(pipeline with { Stages = StageRules.Replace(pipeline.Stages, changed), Version = pipeline.Version + 1 });
    }

    public Task<Pipeline> ReorderStages(IReadOnlyList<string> stageIds, int actorId)
    {
        var pipeline = Current;
        var list = StageRules.Reorder(pipeline.Stages, stageIds);
        if (list.SequenceEqual(pipeline.Stages)) return Task.FromResult(pipeline);
        return Save(pipeline with { Stages = list, Version = pipeline.Version + 1 });
    }

    public async Task<Pipeline> DeleteStage(string stageId, string? moveDealsTo, int actorId)
    {
        var pipeline = Current;
        var list = StageRules.Remove(pipeline.Stages, stageId);
        if (moveDealsTo is not null && (moveDealsTo == stageId || pipeline.FindStage(moveDealsTo) is null))
            throw CrmException.Invalid("invalid_target_stage", $"Deals cannot be moved to '{moveDealsTo}': choose another stage of this pipeline.", "moveDealsTo");

        var holding = await deals.DealIdsInStage(PortalId, PipelineId, stageId);
        if (holding.Count > 0 && moveDealsTo is null)
            throw CrmException.Invalid("stage_has_deals",
                $"Stage '{pipeline.FindStage(stageId)!.Name}' holds {holding.Count} deal(s); choose a stage to move them to.", "moveDealsTo");

        // The stage disappears first (no deal can enter it any more) together with the note of what
        // still has to move; then the deals move; then the note is cleared.
        if (moveDealsTo is not null)
            state.State.PendingRelocations.Add(new StageRelocation(stageId, moveDealsTo, actorId));
        var saved = await Save(pipeline with { Stages = list, Version = pipeline.Version + 1 });
        await RelocatePending();
        return saved;
    }

    private Pipeline Current => state.State.Pipeline
        ?? throw CrmException.NotFound("pipeline_not_found", $"Pipeline {PipelineId} does not exist.");

    private Stage ToStage(NewStage s, string code) =>
        new($"C{PipelineId}:{code}", StageRules.CheckName(s.Name), StageRules.CheckColor(s.Color), s.Semantic);

    private async Task<Pipeline> Save(Pipeline pipeline)
    {
        // Set before writing so interleaved Get calls already see the new stage list (a deleted stage
        // takes no more deals); put back if the write fails.
        var previous = state.State.Pipeline;
        state.State.Pipeline = pipeline;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Pipeline = previous;
            throw;
        }
        await pipelines.Project(pipeline);
        await Feed.PublishPipeline(pipeline);
        return pipeline;
    }

    private async Task RelocatePending()
    {
        foreach (var relocation in state.State.PendingRelocations.ToList())
        {
            for (var pass = 0; pass < RelocationPasses; pass++)
            {
                var ids = await deals.DealIdsInStage(PortalId, PipelineId, relocation.FromStageId);
                if (ids.Count == 0) break;
                await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IDealGrain>(GrainKeys.For(PortalId, id))
                    .RelocateFromDeletedStage(relocation.FromStageId, relocation.ToStageId, relocation.ActorId)));
                log.LogInformation("Moved {Count} deals of deleted stage {Stage} to {Target}", ids.Count, relocation.FromStageId, relocation.ToStageId);
            }
            state.State.PendingRelocations.Remove(relocation);
            await state.WriteStateAsync();
        }
    }

    private IBoardFeedGrain Feed => GrainFactory.GetGrain<IBoardFeedGrain>(this.GetPrimaryKeyString());
}
