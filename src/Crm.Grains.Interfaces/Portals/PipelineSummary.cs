namespace Crm.Grains.Interfaces.Portals;

/// <summary>A pipeline as listed by its portal.</summary>
[GenerateSerializer, Immutable]
public sealed record PipelineSummary(
    [property: Id(0)] long Id,
    [property: Id(1)] string Name,
    [property: Id(2)] bool IsDefault);
