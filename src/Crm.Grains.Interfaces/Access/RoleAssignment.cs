namespace Crm.Grains.Interfaces.Access;

/// <summary>Who a role is given to.</summary>
[GenerateSerializer]
public enum AssigneeKind
{
    User = 0,
    /// <summary>The members of one department.</summary>
    Department = 1,
    /// <summary>The members of a department and of every department below it.</summary>
    DepartmentTree = 2,
    Everyone = 3,
}

/// <summary>A role given to a user, a department (with or without the ones below it) or everyone (<see cref="SubjectId"/> null).</summary>
[GenerateSerializer, Immutable, Alias("crm.role-assignment")]
public sealed record RoleAssignment(
    [property: Id(0)] int RoleId,
    [property: Id(1)] AssigneeKind Kind,
    [property: Id(2)] int? SubjectId = null);
