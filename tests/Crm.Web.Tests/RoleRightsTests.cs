using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Web.Access;

namespace Crm.Web.Tests;

/// <summary>The role editor's model: matrix cells and place rows to and from a role's permissions.</summary>
public sealed class RoleRightsTests
{
    private static readonly AccessSettings NoRoles = new(1, [], [], [], [1]);

    [Fact]
    public void A_new_role_gives_nothing_and_saves_no_permissions()
    {
        var rights = new RoleRights();

        Assert.All(RoleRights.MatrixEntities, e => Assert.All(AccessEntity.ActionsOf(e), a => Assert.Equal(AccessScope.None, rights[e, a])));
        Assert.False(rights.MayChangeSettings);
        Assert.Empty(rights.ToPermissions());
    }

    [Fact]
    public void Cells_set_above_none_become_general_permissions_and_the_settings_box_becomes_settings_edit_all()
    {
        var rights = new RoleRights();
        rights[AccessEntity.Deal, AccessAction.Read] = AccessScope.Own;
        rights[AccessEntity.Contact, AccessAction.Export] = AccessScope.DepartmentAndSub;
        rights.MayChangeSettings = true;

        Assert.Equal(
            [
                new Permission(AccessEntity.Deal, AccessAction.Read, AccessScope.Own),
                new Permission(AccessEntity.Contact, AccessAction.Export, AccessScope.DepartmentAndSub),
                new Permission(AccessEntity.Settings, AccessAction.Edit, AccessScope.All),
            ],
            rights.ToPermissions());
    }

    [Fact]
    public void Place_cells_left_as_above_save_nothing_and_a_place_set_to_none_is_kept_as_a_restriction()
    {
        var rights = new RoleRights();
        rights[AccessEntity.Deal, AccessAction.Edit] = AccessScope.All;
        var won = rights.AddPlace(new RightsPlace(AccessEntity.Deal, 3, "C3:WON"));
        won[AccessAction.Edit] = AccessScope.None;
        rights.AddPlace(new RightsPlace(AccessEntity.Lead, null, "JUNK"))[AccessAction.Read] = AccessScope.Own;
        rights.AddPlace(new RightsPlace(AccessEntity.Deal, 3, null)); // added, nothing set

        Assert.Equal(
            [
                new Permission(AccessEntity.Deal, AccessAction.Edit, AccessScope.All),
                new Permission(AccessEntity.Deal, AccessAction.Edit, AccessScope.None, 3, "C3:WON"),
                new Permission(AccessEntity.Lead, AccessAction.Read, AccessScope.Own, null, "JUNK"),
            ],
            rights.ToPermissions());
    }

    [Fact]
    public void Adding_a_place_twice_gives_the_same_row_and_removing_it_drops_its_rights()
    {
        var rights = new RoleRights();
        var place = new RightsPlace(AccessEntity.Deal, 3, null);
        rights.AddPlace(place)[AccessAction.Read] = AccessScope.Department;

        Assert.Same(rights.AddPlace(place), rights.Places.Single());
        Assert.Equal(AccessScope.Department, rights.AddPlace(place)[AccessAction.Read]);
        rights.RemovePlace(place);
        Assert.Empty(rights.Places);
        Assert.Empty(rights.ToPermissions());
    }

    [Fact]
    public void Only_deal_and_lead_rights_can_be_narrowed_to_a_place()
    {
        Assert.Throws<ArgumentException>(() => new RoleRights().AddPlace(new RightsPlace(AccessEntity.Contact, null, "X")));
    }

    [Fact]
    public void A_saved_role_opens_with_its_cells_and_places_and_saves_back_the_same_rights()
    {
        Permission[] permissions =
        [
            new(AccessEntity.Lead, AccessAction.Read, AccessScope.Department),
            new(AccessEntity.Deal, AccessAction.Read, AccessScope.Own),
            new(AccessEntity.Deal, AccessAction.Read, AccessScope.All, 7),
            new(AccessEntity.Deal, AccessAction.Delete, AccessScope.None, 7, "C7:LOSE"),
            new(AccessEntity.Lead, AccessAction.Edit, AccessScope.Own, null, "IN_PROCESS"),
            new(AccessEntity.Settings, AccessAction.Edit, AccessScope.All),
        ];

        var rights = RoleRights.From(permissions);

        Assert.Equal(AccessScope.Own, rights[AccessEntity.Deal, AccessAction.Read]);
        Assert.Equal(AccessScope.None, rights[AccessEntity.Deal, AccessAction.Edit]);
        Assert.True(rights.MayChangeSettings);
        Assert.Equal([new RightsPlace(AccessEntity.Deal, 7, null), new RightsPlace(AccessEntity.Deal, 7, "C7:LOSE"), new RightsPlace(AccessEntity.Lead, null, "IN_PROCESS")],
            rights.Places.Select(p => p.Place));
        Assert.Null(rights.Places[0][AccessAction.Edit]);
        Assert.Equal(permissions.ToHashSet(), rights.ToPermissions().ToHashSet());
    }

    [Fact]
    public void What_the_editor_saves_passes_the_grains_role_checks_and_decides_as_the_cells_say()
    {
        var rights = new RoleRights();
        foreach (var entity in RoleRights.MatrixEntities)
            foreach (var action in AccessEntity.ActionsOf(entity))
                rights[entity, action] = AccessScope.DepartmentAndSub;
        rights.MayChangeSettings = true;
        var stage = rights.AddPlace(new RightsPlace(AccessEntity.Deal, 5, "C5:WON"));
        stage[AccessAction.Read] = AccessScope.Own;
        rights.AddPlace(new RightsPlace(AccessEntity.Lead, null, "JUNK"))[AccessAction.Read] = AccessScope.None;

        var role = AccessRules.CheckRole(new Role(0, "Sales", rights.ToPermissions()), NoRoles);
        var profile = new AccessProfile(1, 2, false, 1, [role], [], []);

        Assert.Equal(AccessScope.DepartmentAndSub, profile.ScopeOf(AccessEntity.Deal, AccessAction.Read, 5, "C5:NEW"));
        Assert.Equal(AccessScope.Own, profile.ScopeOf(AccessEntity.Deal, AccessAction.Read, 5, "C5:WON"));
        Assert.Equal(AccessScope.None, profile.ScopeOf(AccessEntity.Lead, AccessAction.Read, null, "JUNK"));
        Assert.Equal(AccessScope.DepartmentAndSub, profile.ScopeOf(AccessEntity.Lead, AccessAction.Read, null, "NEW"));
        Assert.Equal(AccessScope.All, profile.ScopeOf(AccessEntity.Settings, AccessAction.Edit));
    }
}
