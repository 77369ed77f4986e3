namespace Crm.Grains.Interfaces.Access;

/// <summary>
/// What one user may do, as of a version of the portal's access settings: the roles that reach the
/// user (directly, through a department, or as everyone) and the users whose records the department
/// scopes cover. Every entry point decides with it (see <c>AccessDecision</c>); a newer version
/// replaces it on open connections.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.access-profile")]
public sealed record AccessProfile(
    [property: Id(0)] int PortalId,
    [property: Id(1)] int UserId,
    [property: Id(2)] bool IsAdmin,
    [property: Id(3)] long Version,
    [property: Id(4)] IReadOnlyList<Role> Roles,
    [property: Id(5)] IReadOnlyList<int> DepartmentUserIds,
    [property: Id(6)] IReadOnlyList<int> DepartmentTreeUserIds);
