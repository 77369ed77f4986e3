using Crm.Grains.Interfaces.Common;

namespace Crm.Grains.Interfaces.Pipelines;

/// <summary>
/// One pipeline of a portal and its stages; key "{portal}/{pipelineId}" (<see cref="GrainKeys"/>).
/// The single writer of the stage list: every rule about stages is enforced here.
/// </summary>
public interface IPipelineGrain : IGrainWithStringKey
{
    /// <summary>Creates the pipeline with the given stages (or Bitrix24's default set when empty).</summary>
    Task<Pipeline> Create(string name, IReadOnlyList<NewStage> stages, int actorId);

    /// <summary>
    /// The pipeline and its stages; NotFound if it was never created. Interleaves with a running
    /// stage deletion, which calls deal grains that may themselves be waiting on this call.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<Pipeline> Get();

    /// <summary>Renames the pipeline.</summary>
    Task<Pipeline> Rename(string name, int actorId);

    /// <summary>Adds a stage.</summary>
    Task<Pipeline> AddStage(NewStage stage, int actorId);

    /// <summary>Renames and recolours a stage.</summary>
    Task<Pipeline> UpdateStage(string stageId, string name, string color, int actorId);

    /// <summary>Puts the stages in the given order (every stage id exactly once).</summary>
    Task<Pipeline> ReorderStages(IReadOnlyList<string> stageIds, int actorId);

    /// <summary>
    /// Deletes a stage. If deals are in it, <paramref name="moveDealsTo"/> must name another stage of
    /// this pipeline; every deal is moved there before the stage disappears, so no deal is orphaned.
    /// </summary>
    Task<Pipeline> DeleteStage(string stageId, string? moveDealsTo, int actorId);
}
