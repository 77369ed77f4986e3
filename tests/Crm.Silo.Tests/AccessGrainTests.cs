using System.Text.Json;
using System.Text.Json.Nodes;
using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Common;

namespace Crm.Silo.Tests;

/// <summary>A portal's access settings through its grain on PostgreSQL: only admins change them, bad input changes nothing, every change is audited.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccessGrainTests(ClusterFixture fixture)
{
    private static int _portals = 950;

    /// <summary>A portal of its own with an admin and three more users.</summary>
    private async Task<(IAccessGrain Access, int Portal, int Admin, int[] Users)> NewPortal(bool initialize = true)
    {
        var portal = Interlocked.Increment(ref _portals);
        await using var db = fixture.Database();
        await db.CreateCommand($"INSERT INTO portals (id, name) VALUES ({portal}, 'Access {portal}')").ExecuteNonQueryAsync();
        var ids = new List<int>();
        foreach (var name in new[] { "admin", "ann", "bob", "cy" })
        {
            await using var user = db.CreateCommand($"INSERT INTO users (portal_id, email, normalized_email, display_name, security_stamp) " +
                $"VALUES ({portal}, '{name}@{portal}', '{name.ToUpperInvariant()}@{portal}', '{name}', 's') RETURNING id");
            ids.Add((int)(await user.ExecuteScalarAsync())!);
        }
        var access = fixture.Client.GetGrain<IAccessGrain>(portal);
        if (initialize) await access.Initialize(ids[0]);
        return (access, portal, ids[0], ids.Skip(1).ToArray());
    }

    private async Task<long> AuditCount(int portal)
    {
        await using var db = fixture.Database();
        return (long)(await db.CreateCommand($"SELECT count(*) FROM audit_log WHERE portal_id = {portal}").ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_new_portal_has_its_creator_as_admin_and_the_employee_role_for_everyone()
    {
        var (access, portal, admin, users) = await NewPortal();
        var settings = await access.Get();
        Assert.Equal([admin], settings.AdminIds);
        var employee = await access.ProfileOf(users[0]);
        Assert.False(employee.IsAdmin);
        Assert.Equal(["Employee"], employee.Roles.Select(r => r.Name));
        Assert.True((await access.ProfileOf(admin)).IsAdmin);
        Assert.Equal(1, await AuditCount(portal));
    }

    [Fact]
    public async Task A_portal_from_before_access_rights_gets_its_first_user_as_admin()
    {
        var (access, _, first, users) = await NewPortal(initialize: false);
        Assert.Equal([first], (await access.Get()).AdminIds);
        Assert.False((await access.ProfileOf(users[0])).IsAdmin);
    }

    [Fact]
    public async Task Roles_of_a_portal_set_up_before_chat_rights_are_given_them_once()
    {
        var (access, portal, admin, users) = await NewPortal();
        var narrow = await access.SaveRole(new Role(0, "Deals only", [new Permission(AccessEntity.Deal, AccessAction.Read, AccessScope.Own)]), admin);
        await access.SetAssignees(narrow.Id, [new RoleAssignment(narrow.Id, AssigneeKind.User, users[1])], admin);
        await access.SetAssignees(DefaultRoles.EmployeeRoleId, [new RoleAssignment(DefaultRoles.EmployeeRoleId, AssigneeKind.User, users[0])], admin);
        await fixture.Cluster.DeactivateAsync(access);
        await fixture.Cluster.WaitForDeactivationAsync(access);
        // As stored before chat rights existed: no role names them, and nothing says they were given.
        await using var db = fixture.Database();
        var where = $"graintypestring = 'access' AND grainidn1 = {portal}";
        await using (var read = db.CreateCommand($"SELECT payloadbinary FROM orleansstorage WHERE {where}"))
        {
            var stored = JsonNode.Parse((byte[])(await read.ExecuteScalarAsync())!)!.AsObject();
            stored.Remove(nameof(AccessState.ChatRightsGiven));
            foreach (var role in stored["Settings"]!["Roles"]!.AsArray())
            {
                var permissions = role!["Permissions"]!.AsArray();
                foreach (var chat in permissions.Where(p => (string?)p!["Entity"] == AccessEntity.Chat).ToList()) permissions.Remove(chat);
            }
            await using var write = db.CreateCommand($"UPDATE orleansstorage SET payloadbinary = $1 WHERE {where}");
            write.Parameters.Add(new() { Value = JsonSerializer.SerializeToUtf8Bytes(stored) });
            Assert.Equal(1, await write.ExecuteNonQueryAsync());
        }

        // Every role lets its users work every chat, as before the rights existed.
        foreach (var user in users[..2])
            Assert.Equal((AccessScope.All, AccessScope.All),
                ((await access.ProfileOf(user)).ScopeOf(AccessEntity.Chat, AccessAction.Read), (await access.ProfileOf(user)).ScopeOf(AccessEntity.Chat, AccessAction.Edit)));

        // Once: an admin who then narrows them is not overruled by a later activation.
        await access.SaveRole(narrow with { Permissions = [new Permission(AccessEntity.Chat, AccessAction.Read, AccessScope.Own)] }, admin);
        await fixture.Cluster.DeactivateAsync(access);
        await fixture.Cluster.WaitForDeactivationAsync(access);
        Assert.Equal((AccessScope.Own, AccessScope.None),
            ((await access.ProfileOf(users[1])).ScopeOf(AccessEntity.Chat, AccessAction.Read), (await access.ProfileOf(users[1])).ScopeOf(AccessEntity.Chat, AccessAction.Edit)));
    }

    [Fact]
    public async Task Departments_roles_and_assignments_shape_a_users_profile_and_survive_reactivation()
    {
        var (access, portal, admin, users) = await NewPortal();
        var (ann, bob, cy) = (users[0], users[1], users[2]);
        var sales = await access.SaveDepartment(new Department(0, " Sales ", null, ann, [bob]), admin);
        var east = await access.SaveDepartment(new Department(0, "East", sales.Id, null, [cy]), admin);
        Assert.Equal("Sales", sales.Name);
        var role = await access.SaveRole(new Role(0, "Sales heads", [new Permission(AccessEntity.Deal, AccessAction.Read, AccessScope.DepartmentAndSub)]), admin);
        await access.SetAssignees(role.Id, [new RoleAssignment(role.Id, AssigneeKind.User, ann)], admin);

        await fixture.Cluster.DeactivateAsync(access);
        await fixture.Cluster.WaitForDeactivationAsync(access);

        var profile = await access.ProfileOf(ann);
        Assert.Equal(["Employee", "Sales heads"], profile.Roles.Select(r => r.Name).Order());
        Assert.Equal([ann, bob], profile.DepartmentUserIds.Order());
        Assert.Equal([ann, bob, cy], profile.DepartmentTreeUserIds.Order());
        Assert.Equal(east.Id, (await access.Get()).Departments.Single(d => d.Name == "East").Id);
        Assert.Equal(5, await AuditCount(portal)); // initialized, two departments, a role, an assignment
    }

    [Fact]
    public async Task Only_an_admin_changes_settings_and_a_refused_change_leaves_them_and_the_audit_log_as_they_were()
    {
        var (access, portal, admin, users) = await NewPortal();
        var before = await access.Get();
        var audited = await AuditCount(portal);

        var notAdmin = await Assert.ThrowsAsync<CrmException>(() => access.SaveRole(new Role(0, "Mine", []), users[0]));
        Assert.Equal((CrmErrorKind.Forbidden, "not_admin"), (notAdmin.Kind, notAdmin.Code));
        await AssertRefused("unknown_action", access.SaveRole(new Role(0, "Bad", [new Permission(AccessEntity.Settings, AccessAction.Read, AccessScope.All)]), admin));
        await AssertRefused("invalid_scope", access.SaveRole(new Role(0, "Bad", [new Permission(AccessEntity.Settings, AccessAction.Edit, AccessScope.Own)]), admin));
        await AssertRefused("invalid_permission", access.SaveRole(new Role(0, "Bad", [new Permission(AccessEntity.Lead, AccessAction.Read, AccessScope.All, PipelineId: 3)]), admin));
        await AssertRefused("duplicate_permission", access.SaveRole(new Role(0, "Bad",
            [new Permission(AccessEntity.Lead, AccessAction.Read, AccessScope.All), new Permission(AccessEntity.Lead, AccessAction.Read, AccessScope.Own)]), admin));
        await AssertRefused("duplicate_name", access.SaveRole(new Role(0, "employee", []), admin));
        await AssertRefused("unknown_user", access.SaveDepartment(new Department(0, "Ghosts", null, null, [999_999]), admin));
        await AssertRefused("unknown_department", access.SaveDepartment(new Department(0, "Orphan", 424242, null, []), admin));
        await AssertRefused("unknown_user", access.SetAdmin(999_999, true, admin));
        var last = await Assert.ThrowsAsync<CrmException>(() => access.SetAdmin(admin, false, admin));
        Assert.Equal("last_admin", last.Code);

        var after = await access.Get();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Roles.Select(r => r.Name), after.Roles.Select(r => r.Name));
        Assert.Empty(after.Departments);
        Assert.Equal(audited, await AuditCount(portal));
    }

    [Fact]
    public async Task A_department_cannot_go_below_itself_nor_be_deleted_with_departments_below_it()
    {
        var (access, _, admin, _) = await NewPortal();
        var top = await access.SaveDepartment(new Department(0, "Top", null, null, []), admin);
        var child = await access.SaveDepartment(new Department(0, "Child", top.Id, null, []), admin);
        await AssertRefused("department_cycle", access.SaveDepartment(top with { ParentId = child.Id }, admin));
        var refused = await Assert.ThrowsAsync<CrmException>(() => access.DeleteDepartment(top.Id, admin));
        Assert.Equal("department_has_children", refused.Code);

        await access.DeleteDepartment(child.Id, admin);
        await access.DeleteDepartment(top.Id, admin);
        Assert.Empty((await access.Get()).Departments);
    }

    [Fact]
    public async Task A_second_admin_can_take_the_first_ones_rights_and_deleting_a_role_removes_its_assignments()
    {
        var (access, _, admin, users) = await NewPortal();
        await access.SetAdmin(users[0], true, admin);
        await access.SetAdmin(admin, false, users[0]);
        Assert.Equal([users[0]], (await access.Get()).AdminIds);

        var role = await access.SaveRole(new Role(0, "Temp", []), users[0]);
        await access.SetAssignees(role.Id, [new RoleAssignment(role.Id, AssigneeKind.Everyone)], users[0]);
        await access.DeleteRole(role.Id, users[0]);
        Assert.DoesNotContain((await access.Get()).Assignments, a => a.RoleId == role.Id);
    }

    private static async Task AssertRefused(string code, Task command)
    {
        var e = await Assert.ThrowsAsync<CrmException>(() => command);
        Assert.Equal(code, e.Code);
    }
}
