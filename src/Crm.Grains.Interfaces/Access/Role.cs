namespace Crm.Grains.Interfaces.Access;

/// <summary>A named set of rights, assigned to users, departments or everyone.</summary>
[GenerateSerializer, Immutable, Alias("crm.role")]
public sealed record Role(
    [property: Id(0)] int Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<Permission> Permissions);
