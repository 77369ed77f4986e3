namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// The triggers of one board: a deal pipeline's stages or the lead statuses, with the same keys as
/// the robots (<see cref="RobotBoards"/>). Each stage keeps an ordered list.
/// </summary>
public interface IStageTriggersGrain : IGrainWithStringKey
{
    /// <summary>Every stage's triggers (stages without triggers left out).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyDictionary<string, IReadOnlyList<Trigger>>> GetAll();

    /// <summary>The triggers of one stage in order; empty when it has none.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<Trigger>> Get(string stageId);

    /// <summary>
    /// Replaces a stage's triggers after checking every one (the stage is on the board and not the
    /// lead "converted" status, names, webhook codes unique on the board, referenced pipelines and
    /// stages exist); a refusal changes nothing. Audited as "triggers.saved".
    /// </summary>
    Task<IReadOnlyList<Trigger>> Set(string stageId, IReadOnlyList<Trigger> triggers, int actorId);
}
