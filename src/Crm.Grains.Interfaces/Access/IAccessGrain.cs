namespace Crm.Grains.Interfaces.Access;

/// <summary>
/// A portal's access settings (key: portal id), the single writer of its departments, roles, role
/// assignments and admins. Every change is a new version, recorded in the audit log and announced to
/// every web node so open connections decide with it at once. Only a portal admin may change them.
/// </summary>
public interface IAccessGrain : IGrainWithIntegerKey
{
    Task<AccessSettings> Get();

    /// <summary>What the user may do under the current settings.</summary>
    Task<AccessProfile> ProfileOf(int userId);

    /// <summary>Adds a department (<see cref="Department.Id"/> 0) or replaces one.</summary>
    Task<Department> SaveDepartment(Department department, int actorId);

    /// <summary>Deletes a department without departments below it; its role assignments go with it.</summary>
    Task DeleteDepartment(int departmentId, int actorId);

    /// <summary>Adds a role (<see cref="Role.Id"/> 0) or replaces its name and rights.</summary>
    Task<Role> SaveRole(Role role, int actorId);

    /// <summary>Deletes a role and its assignments.</summary>
    Task DeleteRole(int roleId, int actorId);

    /// <summary>Replaces who has the role.</summary>
    Task<IReadOnlyList<RoleAssignment>> SetAssignees(int roleId, IReadOnlyList<RoleAssignment> assignees, int actorId);

    /// <summary>Makes a user a portal admin or takes it back; the last admin cannot be taken back.</summary>
    Task SetAdmin(int userId, bool isAdmin, int actorId);

    /// <summary>Sets up a new portal: its creator is the first admin and the default roles apply. Does nothing when already set up.</summary>
    Task Initialize(int adminId);
}
