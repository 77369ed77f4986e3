namespace Crm.Grains.Interfaces.Live;

/// <summary>A portal's access settings reached a new version: open views of its users re-read their rights.</summary>
[GenerateSerializer, Immutable, Alias("crm.access-changed")]
public sealed record AccessChanged(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Version);
