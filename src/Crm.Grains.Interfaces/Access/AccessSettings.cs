namespace Crm.Grains.Interfaces.Access;

/// <summary>A portal's access settings as one version: departments, roles, who has which role, and the portal admins.</summary>
[GenerateSerializer, Immutable, Alias("crm.access-settings")]
public sealed record AccessSettings(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<Department> Departments,
    [property: Id(2)] IReadOnlyList<Role> Roles,
    [property: Id(3)] IReadOnlyList<RoleAssignment> Assignments,
    [property: Id(4)] IReadOnlyList<int> AdminIds);
