namespace Crm.Grains.Interfaces.Pipelines;

/// <summary>A column of a pipeline. <see cref="Id"/> is unique within the portal, e.g. <c>C1:NEW</c>.</summary>
[GenerateSerializer, Immutable, Alias("crm.stage")]
public sealed record Stage(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Color,
    [property: Id(3)] StageSemantic Semantic)
{
    public bool IsFinal => Semantic != StageSemantic.InProgress;
}
