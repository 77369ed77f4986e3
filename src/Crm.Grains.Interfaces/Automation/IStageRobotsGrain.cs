namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// The robots of one board: a deal pipeline's stages, key "{portal}/deal-{pipelineId}", or the lead
/// statuses, key "{portal}/lead" (see <see cref="RobotBoards"/>). Each stage keeps an ordered list.
/// </summary>
public interface IStageRobotsGrain : IGrainWithStringKey
{
    /// <summary>Every stage's robots (stages without robots left out).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyDictionary<string, IReadOnlyList<Robot>>> GetAll();

    /// <summary>The robots of one stage in order; empty when it has none.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<Robot>> Get(string stageId);

    /// <summary>Replaces a stage's robots after checking every one (fields, templates, timing, targets); a refusal changes nothing.</summary>
    Task<IReadOnlyList<Robot>> Set(string stageId, IReadOnlyList<Robot> robots, int actorId);
}

/// <summary>The keys of the robots grains.</summary>
public static class RobotBoards
{
    public static string Deals(int portalId, long pipelineId) => $"{portalId}/deal-{pipelineId}";

    public static string Leads(int portalId) => $"{portalId}/lead";
}
