using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using static Crm.Grains.Interfaces.Access.AccessAction;
using static Crm.Grains.Interfaces.Access.AccessScope;

namespace Crm.Grains.Tests.Access;

/// <summary>The scope rules: who reaches whose records, and how rights narrow per pipeline, stage and status.</summary>
public sealed class AccessDecisionTests
{
    // Sales (head 10; 11, 12) > Sales East (21); Support (31).
    private static readonly Department Sales = new(1, "Sales", null, 10, [11, 12]);
    private static readonly Department SalesEast = new(2, "Sales East", 1, null, [21]);
    private static readonly Department Support = new(3, "Support", null, null, [31]);

    private static AccessProfile Profile(int userId, IReadOnlyList<Role> roles, IReadOnlyList<RoleAssignment> assignments, params int[] admins) =>
        AccessProfiles.For(1, userId, new AccessSettings(7, [Sales, SalesEast, Support], roles, assignments, admins));

    private static Role RoleOf(int id, params Permission[] permissions) => new(id, $"role {id}", permissions);

    private static AccessProfile WithRole(int userId, params Permission[] permissions) =>
        Profile(userId, [RoleOf(1, permissions)], [new RoleAssignment(1, AssigneeKind.Everyone)]);

    [Fact]
    public void An_admin_may_do_everything_and_a_user_without_roles_nothing()
    {
        var admin = Profile(31, [], [], admins: 31);
        Assert.True(admin.Allows(AccessEntity.Deal, Delete, responsibleId: 999, pipelineId: 5, stageId: "WON"));
        Assert.Equal(All, admin.ScopeOf(AccessEntity.Settings, Edit));

        var nobody = Profile(31, [], []);
        Assert.Equal(None, nobody.ScopeOf(AccessEntity.Lead, Read));
        Assert.False(nobody.Allows(AccessEntity.Lead, Read, responsibleId: 31));
    }

    [Fact]
    public void Own_reaches_only_the_users_records()
    {
        var user = WithRole(11, new Permission(AccessEntity.Lead, Read, Own));
        Assert.True(user.Allows(AccessEntity.Lead, Read, 11));
        Assert.False(user.Allows(AccessEntity.Lead, Read, 12));
        Assert.False(user.Allows(AccessEntity.Lead, Edit, 11)); // no edit right at all
        Assert.Equal([11], user.ResponsiblesOf(Own));
    }

    [Fact]
    public void Department_reaches_the_users_departments_with_their_head_but_not_the_departments_below()
    {
        var member = WithRole(11, new Permission(AccessEntity.Deal, Read, AccessScope.Department));
        Assert.True(member.Allows(AccessEntity.Deal, Read, 12));
        Assert.True(member.Allows(AccessEntity.Deal, Read, 10));
        Assert.False(member.Allows(AccessEntity.Deal, Read, 21));
        Assert.False(member.Allows(AccessEntity.Deal, Read, 31));
        Assert.Equal([11, 10, 12], member.ResponsiblesOf(AccessScope.Department));
    }

    [Fact]
    public void Department_and_sub_reaches_down_the_tree_but_never_up_or_across()
    {
        var head = WithRole(10, new Permission(AccessEntity.Deal, Read, DepartmentAndSub));
        Assert.True(head.Allows(AccessEntity.Deal, Read, 21));
        Assert.False(head.Allows(AccessEntity.Deal, Read, 31));

        var east = WithRole(21, new Permission(AccessEntity.Deal, Read, DepartmentAndSub));
        Assert.True(east.Allows(AccessEntity.Deal, Read, 21));
        Assert.False(east.Allows(AccessEntity.Deal, Read, 11));
        Assert.Equal([21], east.ResponsiblesOf(DepartmentAndSub));
    }

    [Fact]
    public void A_stage_right_overrides_the_pipeline_right_which_overrides_the_general_one()
    {
        var user = WithRole(11,
            new Permission(AccessEntity.Deal, Read, All),
            new Permission(AccessEntity.Deal, Read, Own, PipelineId: 5),
            new Permission(AccessEntity.Deal, Read, None, PipelineId: 5, StageId: "WON"));
        Assert.Equal(All, user.ScopeOf(AccessEntity.Deal, Read, pipelineId: 1, stageId: "NEW"));
        Assert.Equal(Own, user.ScopeOf(AccessEntity.Deal, Read, pipelineId: 5, stageId: "NEW"));
        Assert.Equal(None, user.ScopeOf(AccessEntity.Deal, Read, pipelineId: 5, stageId: "WON"));
        // A stage right of another pipeline with the same stage id does not apply.
        Assert.Equal(All, user.ScopeOf(AccessEntity.Deal, Read, pipelineId: 6, stageId: "WON"));
    }

    [Fact]
    public void A_lead_status_right_overrides_the_general_lead_right()
    {
        var user = WithRole(11, new Permission(AccessEntity.Lead, Edit, All), new Permission(AccessEntity.Lead, Edit, None, StageId: "JUNK"));
        Assert.True(user.Allows(AccessEntity.Lead, Edit, 12, stageId: "NEW"));
        Assert.False(user.Allows(AccessEntity.Lead, Edit, 12, stageId: "JUNK"));
    }

    [Fact]
    public void Several_roles_combine_by_the_widest_even_where_one_of_them_narrows_a_stage()
    {
        Role wide = RoleOf(1, new Permission(AccessEntity.Deal, Read, All));
        Role narrow = RoleOf(2, new Permission(AccessEntity.Deal, Read, Own), new Permission(AccessEntity.Deal, Read, None, 5, "WON"));
        var user = Profile(11, [wide, narrow], [new RoleAssignment(1, AssigneeKind.User, 11), new RoleAssignment(2, AssigneeKind.Everyone)]);
        Assert.Equal(All, user.ScopeOf(AccessEntity.Deal, Read, 5, "WON"));
    }

    [Fact]
    public void Roles_reach_users_directly_through_their_department_through_a_department_above_and_as_everyone()
    {
        Role direct = RoleOf(1, new Permission(AccessEntity.Lead, Read, Own));
        Role department = RoleOf(2, new Permission(AccessEntity.Deal, Read, Own));
        Role tree = RoleOf(3, new Permission(AccessEntity.Contact, Read, Own));
        Role everyone = RoleOf(4, new Permission(AccessEntity.Company, Read, Own));
        IReadOnlyList<RoleAssignment> assignments =
        [
            new(1, AssigneeKind.User, 12), new(2, AssigneeKind.Department, 1), new(3, AssigneeKind.DepartmentTree, 1), new(4, AssigneeKind.Everyone),
        ];
        IReadOnlyList<int> RoleIds(int user) => Profile(user, [direct, department, tree, everyone], assignments).Roles.Select(r => r.Id).Order().ToList();

        Assert.Equal([1, 2, 3, 4], RoleIds(12));
        Assert.Equal([2, 3, 4], RoleIds(10)); // the head belongs to the department
        Assert.Equal([3, 4], RoleIds(21)); // below Sales: the tree assignment, not the department one
        Assert.Equal([4], RoleIds(31));
        Assert.Equal([4], RoleIds(99)); // in no department
    }

    [Fact]
    public void A_department_cannot_be_moved_below_itself()
    {
        var tree = new DepartmentTree([Sales, SalesEast, Support]);
        Assert.True(tree.WouldCycle(1, 2));
        Assert.True(tree.WouldCycle(1, 1));
        Assert.False(tree.WouldCycle(2, 3));
        Assert.False(tree.WouldCycle(3, null));
    }
}
