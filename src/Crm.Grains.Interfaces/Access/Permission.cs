namespace Crm.Grains.Interfaces.Access;

/// <summary>
/// One right of a role: an action on an entity at a scope. Deal rights may be narrowed to one
/// pipeline (<see cref="PipelineId"/>) and further to one of its stages (<see cref="StageId"/>);
/// lead rights to one status (<see cref="StageId"/> holds the status id). The most specific right
/// a role has for a record decides for that role.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.permission")]
public sealed record Permission(
    [property: Id(0)] string Entity,
    [property: Id(1)] AccessAction Action,
    [property: Id(2)] AccessScope Scope,
    [property: Id(3)] long? PipelineId = null,
    [property: Id(4)] string? StageId = null);
