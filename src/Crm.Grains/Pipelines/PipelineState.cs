using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Grains.Pipelines;

/// <summary>What the pipeline grain persists.</summary>
public sealed class PipelineState
{
    public Pipeline? Pipeline { get; set; }

    /// <summary>Numbers the ids of stages added later (C{pipeline}:S{n}).</summary>
    public int NextStageNumber { get; set; } = 1;

    /// <summary>
    /// Deleted stages whose deals are still being moved. Stored with the deletion itself, so a crash
    /// half way resumes on the next activation and no deal is left in a stage that no longer exists.
    /// </summary>
    public List<StageRelocation> PendingRelocations { get; set; } = [];
}

public sealed record StageRelocation(string FromStageId, string ToStageId, int ActorId);
