using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Grains.ReadModel;

/// <summary>The pipelines table (stage names and semantics for SQL lists and reports).</summary>
public interface IPipelineReadModel
{
    Task Project(Pipeline pipeline);
}
