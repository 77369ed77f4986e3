namespace Crm.Grains.Interfaces.Pipelines;

/// <summary>A stage to add; <see cref="Index"/> is its place in the board order (null: before the final stages of its kind).</summary>
[GenerateSerializer, Immutable]
public sealed record NewStage(
    [property: Id(0)] string Name,
    [property: Id(1)] string Color,
    [property: Id(2)] StageSemantic Semantic,
    [property: Id(3)] int? Index = null);
