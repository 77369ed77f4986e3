namespace Crm.Grains.Interfaces.Deals;

/// <summary>
/// A deal to create in <see cref="PipelineId"/>: in <see cref="StageId"/>, or the pipeline's first
/// stage when null; on top of its column unless <see cref="Position"/> is given.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NewDeal(
    [property: Id(0)] long PipelineId,
    [property: Id(1)] DealFields Fields,
    [property: Id(2)] string? StageId = null,
    [property: Id(3)] double? Position = null);
