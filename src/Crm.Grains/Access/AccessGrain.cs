using Crm.Grains.Common;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Access;

/// <summary>A portal's access settings; checks in <see cref="AccessRules"/>, decisions in <see cref="AccessDecision"/>.</summary>
[GrainType("access")]
public sealed class AccessGrain(
    [PersistentState("access", StorageNames.Crm)] IPersistentState<AccessState> state,
    IUserDirectory users,
    IAuditLog audit,
    ILogger<AccessGrain> log) : Grain, IAccessGrain
{
    private int PortalId => (int)this.GetPrimaryKeyLong();

    private AccessSettings Settings => state.State.Settings
        ?? throw CrmException.NotFound("portal_not_found", $"Portal {PortalId} has no access settings; it was never set up.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A portal created before access rights existed: its creator becomes its admin, as for a new portal.
        if (state.State.Settings is null && await users.FirstUser(PortalId) is { } creator)
            await Initialize(creator);
        else if (state.State.Settings is { } settings && !state.State.ChatRightsGiven)
            await GiveChatRights(settings);
    }

    /// <summary>Roles of a portal set up before the chat rights keep letting their users work chats.</summary>
    private async Task GiveChatRights(AccessSettings settings)
    {
        state.State.Settings = settings with { Roles = [.. settings.Roles.Select(DefaultRoles.WithChatRights)], Version = settings.Version + 1 };
        state.State.ChatRightsGiven = true;
        await state.WriteStateAsync();
        log.LogInformation("Portal {Portal}: its roles were given the chat rights", PortalId);
    }

    public Task<AccessSettings> Get() => Task.FromResult(Settings);

    public Task<AccessProfile> ProfileOf(int userId) => Task.FromResult(AccessProfiles.For(PortalId, userId, Settings));

    public async Task Initialize(int adminId)
    {
        if (state.State.Settings is not null) return;
        await CheckUsers([adminId], "adminIds");
        state.State.Settings = DefaultRoles.For(adminId);
        state.State.ChatRightsGiven = true;
        await state.WriteStateAsync();
        await Audit(adminId, "access.initialized", new { adminId });
    }

    public async Task<Department> SaveDepartment(Department department, int actorId)
    {
        var settings = CheckAdmin(actorId);
        var checkedDepartment = AccessRules.CheckDepartment(department, settings);
        var before = settings.Departments.FirstOrDefault(d => d.Id == department.Id);
        var added = checkedDepartment.MemberIds.Except(before?.MemberIds ?? []);
        await CheckUsers(checkedDepartment.HeadId is { } head && head != before?.HeadId ? added.Append(head) : added, "memberIds");
        var saved = checkedDepartment.Id == 0 ? checkedDepartment with { Id = state.State.LastDepartmentId + 1 } : checkedDepartment;
        await Store(settings with { Departments = [.. settings.Departments.Where(d => d.Id != saved.Id), saved] },
            actorId, before is null ? "department.added" : "department.changed", new { before, after = saved }, lastDepartmentId: Math.Max(state.State.LastDepartmentId, saved.Id));
        return saved;
    }

    public async Task DeleteDepartment(int departmentId, int actorId)
    {
        var settings = CheckAdmin(actorId);
        var department = settings.Departments.FirstOrDefault(d => d.Id == departmentId)
            ?? throw CrmException.NotFound("department_not_found", $"Department {departmentId} does not exist.");
        if (settings.Departments.Any(d => d.ParentId == departmentId))
            throw CrmException.Conflict("department_has_children", $"Department '{department.Name}' has departments below it; move or delete them first.");
        await Store(settings with
        {
            Departments = settings.Departments.Where(d => d.Id != departmentId).ToList(),
            Assignments = settings.Assignments.Where(a => !(a.Kind is AssigneeKind.Department or AssigneeKind.DepartmentTree && a.SubjectId == departmentId)).ToList(),
        }, actorId, "department.deleted", new { before = department });
    }

    public async Task<Role> SaveRole(Role role, int actorId)
    {
        var settings = CheckAdmin(actorId);
        var checkedRole = AccessRules.CheckRole(role, settings);
        var before = settings.Roles.FirstOrDefault(r => r.Id == role.Id);
        var saved = checkedRole.Id == 0 ? checkedRole with { Id = state.State.LastRoleId + 1 } : checkedRole;
        await Store(settings with { Roles = [.. settings.Roles.Where(r => r.Id != saved.Id), saved] },
            actorId, before is null ? "role.added" : "role.changed", new { before, after = saved }, lastRoleId: Math.Max(state.State.LastRoleId, saved.Id));
        return saved;
    }

    public async Task DeleteRole(int roleId, int actorId)
    {
        var settings = CheckAdmin(actorId);
        var role = settings.Roles.FirstOrDefault(r => r.Id == roleId) ?? throw CrmException.NotFound("role_not_found", $"Role {roleId} does not exist.");
        await Store(settings with
        {
            Roles = settings.Roles.Where(r => r.Id != roleId).ToList(),
            Assignments = settings.Assignments.Where(a => a.RoleId != roleId).ToList(),
        }, actorId, "role.deleted", new { before = role });
    }

    public async Task<IReadOnlyList<RoleAssignment>> SetAssignees(int roleId, IReadOnlyList<RoleAssignment> assignees, int actorId)
    {
        var settings = CheckAdmin(actorId);
        if (settings.Roles.All(r => r.Id != roleId)) throw CrmException.NotFound("role_not_found", $"Role {roleId} does not exist.");
        if (assignees.Any(a => a.RoleId != roleId))
            throw CrmException.Invalid("invalid_assignee", $"Every assignee must name role {roleId}.", "assignees");
        var after = assignees.Select(a => AccessRules.CheckAssignment(a, settings)).Distinct().ToList();
        var before = settings.Assignments.Where(a => a.RoleId == roleId).ToList();
        await CheckUsers(after.Where(a => a.Kind == AssigneeKind.User).Select(a => a.SubjectId!.Value).Except(before.Where(a => a.Kind == AssigneeKind.User).Select(a => a.SubjectId!.Value)), "assignees");
        if (after.ToHashSet().SetEquals(before)) return before;
        await Store(settings with { Assignments = [.. settings.Assignments.Where(a => a.RoleId != roleId), .. after] },
            actorId, "role.assigned", new { roleId, before, after });
        return after;
    }

    public async Task SetAdmin(int userId, bool isAdmin, int actorId)
    {
        var settings = CheckAdmin(actorId);
        if (settings.AdminIds.Contains(userId) == isAdmin) return;
        if (isAdmin) await CheckUsers([userId], "userId");
        else if (settings.AdminIds.Count == 1)
            throw CrmException.Conflict("last_admin", "The portal's last admin cannot stop being one; make another user admin first.");
        await Store(settings with { AdminIds = isAdmin ? [.. settings.AdminIds, userId] : settings.AdminIds.Where(a => a != userId).ToList() },
            actorId, isAdmin ? "admin.granted" : "admin.revoked", new { userId });
    }

    private AccessSettings CheckAdmin(int actorId)
    {
        var settings = Settings;
        return settings.AdminIds.Contains(actorId)
            ? settings
            : throw CrmException.Forbidden("not_admin", "Only a portal admin can change departments, roles and admins.");
    }

    private async Task CheckUsers(IEnumerable<int> userIds, string field)
    {
        foreach (var id in userIds.Distinct())
            if (!await users.IsActiveUser(PortalId, id))
                throw CrmException.Invalid("unknown_user", $"User {id} is not an active user of this portal.", field);
    }

    private async Task Store(AccessSettings next, int actorId, string action, object details, int? lastDepartmentId = null, int? lastRoleId = null)
    {
        var previous = (state.State.Settings, state.State.LastDepartmentId, state.State.LastRoleId);
        state.State.Settings = next with { Version = Settings.Version + 1 };
        state.State.LastDepartmentId = lastDepartmentId ?? state.State.LastDepartmentId;
        state.State.LastRoleId = lastRoleId ?? state.State.LastRoleId;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Settings, state.State.LastDepartmentId, state.State.LastRoleId) = previous;
            throw;
        }
        await Audit(actorId, action, details);
        try
        {
            await GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.AccessFeed(PortalId)).PublishAccess(new AccessChanged(PortalId, Settings.Version));
        }
        catch (Exception e)
        {
            // Open views keep the rights they had until they reload; requests always use the new ones.
            log.LogWarning(e, "Web nodes of portal {Portal} were not told of access settings v{Version}", PortalId, Settings.Version);
        }
    }

    /// <summary>The change is stored: a failed audit entry is logged, not reported as a failed change.</summary>
    private async Task Audit(int actorId, string action, object details)
    {
        try
        {
            await audit.Record(PortalId, actorId, action, details);
        }
        catch (Exception e)
        {
            log.LogError(e, "Audit entry {Action} of portal {Portal} by {Actor} not written", action, PortalId, actorId);
        }
    }
}
