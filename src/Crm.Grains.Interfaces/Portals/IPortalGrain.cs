using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Grains.Interfaces.Portals;

/// <summary>A portal (one customer company); key = portal id. Owns the list of its pipelines.</summary>
public interface IPortalGrain : IGrainWithIntegerKey
{
    /// <summary>Creates the portal with its default pipeline; idempotent for the same name.</summary>
    Task Create(string name, int actorId);

    /// <summary>True once <see cref="Create"/> has run.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<bool> Exists();

    /// <summary>The portal's pipelines, the default first.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<PipelineSummary>> GetPipelines();

    /// <summary>Adds a pipeline (with default stages when none are given).</summary>
    Task<Pipeline> CreatePipeline(string name, IReadOnlyList<NewStage> stages, int actorId);

    /// <summary>The portal's working time, for robots that run only within it (Monday to Friday 9 to 18 UTC until set).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<WorkingHours> GetWorkingHours();

    /// <summary>Replaces the working time after checking it (known time zone, at least one day, end after start).</summary>
    Task<WorkingHours> SetWorkingHours(WorkingHours hours, int actorId);
}
