using System.Text.RegularExpressions;
using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;

namespace Crm.EndToEnd.Tests;

/// <summary>The access rights page: what an admin sets there is what the access API and the user's rights then say; others only see a refusal.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessSettingsPageTests(BrowserFixture fixture)
{
    /// <summary>Opens a MudSelect and picks the option whose whole text is <paramref name="option"/> (scope names contain each other).</summary>
    private static async Task Choose(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).ClickAsync();
    }

    private static ILocator Cell(ILocator editor, string entity, string action) =>
        editor.Locator($"[data-testid=role-matrix] td[data-entity='{entity}'][data-action='{action}']");

    [Fact]
    public async Task An_admin_builds_a_department_and_a_role_for_a_user_and_the_api_shows_exactly_that()
    {
        var portal = await fixture.Host.CreatePortal();
        var page = await fixture.SignedInPage(portal.AdminEmail, "/settings/access", "[data-testid=access-settings]");

        // A department with the second user as its member.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Departments" }).ClickAsync();
        await page.Locator("[data-testid=department-add]").ClickAsync();
        var departmentEditor = page.Locator(".mud-dialog");
        await departmentEditor.GetByLabel("Name").FillAsync("Field sales");
        await Choose(page, departmentEditor.Locator("[data-testid=department-members]"), "Bob Seller");
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item[aria-selected=true]")).ToHaveTextAsync(["Bob Seller"]);
        // A multi-select stays open over the dialog's buttons; the click goes to Save itself, as a user's would after closing the list.
        await departmentEditor.Locator("[data-testid=department-save]").DispatchEventAsync("click");
        var node = page.Locator("[data-testid=department-node]");
        await Assertions.Expect(node).ToHaveCountAsync(1);
        await Assertions.Expect(node.Locator("[data-testid=department-name]")).ToHaveTextAsync("Field sales");
        await Assertions.Expect(node.Locator("[data-testid=department-people]")).ToContainTextAsync("Bob Seller");

        // A role that lets its users see their own deals and nothing else.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Roles" }).ClickAsync();
        await page.Locator("[data-testid=role-add]").ClickAsync();
        var roleEditor = page.Locator(".mud-dialog");
        await roleEditor.GetByLabel("Role name").FillAsync("Own deals only");
        await Choose(page, Cell(roleEditor, "deal", "read").Locator(".mud-select").First, "Own");
        await Assertions.Expect(Cell(roleEditor, "deal", "read")).ToHaveAttributeAsync("data-scope", "Own");
        await roleEditor.Locator("[data-testid=role-save]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        var row = page.Locator("[data-testid=role-row]", new() { Has = page.Locator("[data-testid=role-name]", new() { HasText = "Own deals only" }) });
        await Assertions.Expect(row).ToHaveCountAsync(1);

        // Given to the second user...
        await row.Locator("[data-testid=role-assign]").ClickAsync();
        var assignees = page.Locator(".mud-dialog");
        await Choose(page, assignees.Locator("[data-testid=assignee-subject]"), "Bob Seller");
        await assignees.Locator("[data-testid=assignee-add]").ClickAsync();
        await Assertions.Expect(assignees.Locator("[data-testid=assignee-chip]")).ToHaveTextAsync(["Bob Seller"]);
        await assignees.Locator("[data-testid=assignees-save]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=role-assignees]")).ToHaveTextAsync("Bob Seller");

        // ...and the default role taken from everyone.
        var employee = page.Locator($"[data-testid=role-row][data-role-id='{DefaultRoles.EmployeeRoleId}']");
        await Assertions.Expect(employee.Locator("[data-testid=role-assignees]")).ToHaveTextAsync("Everyone");
        await employee.Locator("[data-testid=role-assign]").ClickAsync();
        var everyone = page.Locator(".mud-dialog [data-testid=assignee-chip]");
        await Assertions.Expect(everyone).ToHaveTextAsync(["Everyone"]);
        await everyone.Locator(".mud-chip-close-button").ClickAsync();
        await Assertions.Expect(everyone).ToHaveCountAsync(0);
        await page.Locator(".mud-dialog [data-testid=assignees-save]").ClickAsync();
        await Assertions.Expect(employee.Locator("[data-testid=role-assignees]")).ToHaveTextAsync("nobody");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "access-roles.png"), FullPage = true });

        // The saved role opens with the scopes it was given.
        await row.Locator("[data-testid=role-edit]").ClickAsync();
        var reopened = page.Locator(".mud-dialog");
        await Assertions.Expect(Cell(reopened, "deal", "read")).ToHaveAttributeAsync("data-scope", "Own");
        await Assertions.Expect(Cell(reopened, "deal", "read").Locator("input").First).ToHaveValueAsync("Own");
        await Assertions.Expect(Cell(reopened, "deal", "edit")).ToHaveAttributeAsync("data-scope", "None");
        await Assertions.Expect(Cell(reopened, "lead", "read")).ToHaveAttributeAsync("data-scope", "None");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "access-role-editor.png"), FullPage = true });

        // What the access API says: the settings as set on the page, and the second user's rights from them.
        var admin = await fixture.Host.SignIn(portal.AdminEmail);
        var settings = (await admin.Http.GetFromJsonAsync<AccessSettings>("/api/access", Json))!;
        var department = Assert.Single(settings.Departments);
        Assert.Equal(("Field sales", null, null), (department.Name, department.ParentId, department.HeadId));
        Assert.Equal([portal.SecondId], department.MemberIds);
        var role = Assert.Single(settings.Roles, r => r.Name == "Own deals only");
        Assert.Equal([new Permission(AccessEntity.Deal, AccessAction.Read, AccessScope.Own)], role.Permissions);
        Assert.Equal([new RoleAssignment(role.Id, AssigneeKind.User, portal.SecondId)], settings.Assignments);
        Assert.Equal([portal.AdminId], settings.AdminIds);

        var seller = await fixture.Host.SignIn(portal.SecondEmail);
        var rights = (await seller.Http.GetFromJsonAsync<AccessProfile>("/api/access/me", Json))!;
        Assert.False(rights.IsAdmin);
        Assert.Equal([role.Id], rights.Roles.Select(r => r.Id));
        Assert.Equal(AccessScope.Own, rights.ScopeOf(AccessEntity.Deal, AccessAction.Read, portal.PipelineId));
        Assert.Equal(AccessScope.None, rights.ScopeOf(AccessEntity.Deal, AccessAction.Edit, portal.PipelineId));
        Assert.Equal(AccessScope.None, rights.ScopeOf(AccessEntity.Contact, AccessAction.Read));
    }

    [Fact]
    public async Task A_stage_right_set_on_the_page_is_stored_and_shown_again_and_refusals_of_the_grain_are_shown()
    {
        var portal = await fixture.Host.CreatePortal();
        var admin = await fixture.Host.SignIn(portal.AdminEmail);
        var pipeline = (await admin.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{portal.PipelineId}", Json))!;
        var won = pipeline.Stages.First(s => s.Semantic == StageSemantic.Won);
        var top = (await (await admin.Http.PostAsJsonAsync("/api/access/departments", new { name = "Sales" })).Content.ReadFromJsonAsync<Department>(Json))!;
        (await admin.Http.PostAsJsonAsync("/api/access/departments", new { name = "Team A", parentId = top.Id })).EnsureSuccessStatusCode();
        var page = await fixture.SignedInPage(portal.AdminEmail, "/settings/access", "[data-testid=access-settings]");

        // The default role may edit all deals, except those that are won.
        var employee = page.Locator($"[data-testid=role-row][data-role-id='{DefaultRoles.EmployeeRoleId}']");
        await employee.Locator("[data-testid=role-edit]").ClickAsync();
        var editor = page.Locator(".mud-dialog");
        await editor.GetByText("Rights per pipeline, stage or lead status").ClickAsync();
        await Choose(page, editor.Locator("[data-testid=place-picker]"), $"Deals in {pipeline.Name} › {won.Name}");
        await editor.Locator("[data-testid=place-add]").ClickAsync();
        var wonCell = editor.Locator($"[data-testid=place-table] tr[data-place='deal|{pipeline.Id}|{won.Id}'] td[data-action='edit']");
        await Assertions.Expect(wonCell).ToHaveAttributeAsync("data-scope", "");
        await Choose(page, wonCell.Locator(".mud-select").First, "None");
        await Assertions.Expect(wonCell).ToHaveAttributeAsync("data-scope", "None");
        await editor.Locator("[data-testid=role-save]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        var settings = (await admin.Http.GetFromJsonAsync<AccessSettings>("/api/access", Json))!;
        var permissions = settings.Roles.Single(r => r.Id == DefaultRoles.EmployeeRoleId).Permissions;
        Assert.Contains(new Permission(AccessEntity.Deal, AccessAction.Edit, AccessScope.None, pipeline.Id, won.Id), permissions);
        Assert.Equal(DefaultRoles.Employee.Permissions.ToHashSet(), permissions.Where(p => p.PipelineId is null).ToHashSet());

        await employee.Locator("[data-testid=role-edit]").ClickAsync();
        var reopened = page.Locator($".mud-dialog [data-testid=place-table] tr[data-place='deal|{pipeline.Id}|{won.Id}']");
        await Assertions.Expect(reopened.Locator("td[data-action='edit']")).ToHaveAttributeAsync("data-scope", "None");
        await Assertions.Expect(reopened.Locator("td[data-action='read']")).ToHaveAttributeAsync("data-scope", "");
        await Assertions.Expect(Cell(page.Locator(".mud-dialog"), "deal", "edit")).ToHaveAttributeAsync("data-scope", "All");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        // A department with one below it can neither be deleted nor moved below that one.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Departments" }).ClickAsync();
        var sales = page.Locator($"[data-testid=department-node][data-department-id='{top.Id}']");
        await sales.Locator("[data-testid=department-delete]").ClickAsync();
        await page.Locator(".mud-dialog button:has-text('Delete')").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=department-error]")).ToContainTextAsync("has departments below it");
        await Assertions.Expect(page.Locator("[data-testid=department-node]")).ToHaveCountAsync(2);

        await sales.Locator("[data-testid=department-edit]").ClickAsync();
        await Choose(page, page.Locator(".mud-dialog [data-testid=department-parent]"), "Team A");
        await page.Locator(".mud-dialog [data-testid=department-save]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog [data-testid=department-editor-error]")).ToContainTextAsync("below itself");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(sales).ToHaveAttributeAsync("data-parent-id", "");

        // The only admin cannot stop being one.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Admins" }).ClickAsync();
        var adminSwitch = page.Locator($"[data-testid=admin-table] tr[data-user-id='{portal.AdminId}'] input");
        await Assertions.Expect(adminSwitch).ToBeCheckedAsync();
        await adminSwitch.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=admin-error]")).ToContainTextAsync("last admin");
        await Assertions.Expect(adminSwitch).ToBeCheckedAsync();
        Assert.Equal([portal.AdminId], (await admin.Http.GetFromJsonAsync<AccessSettings>("/api/access", Json))!.AdminIds);

        // The audit log shows the role change made above.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=audit-table] tr[data-action='role.changed']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=audit-table] tr[data-action='role.changed']")).ToContainTextAsync("Alice Admin");
    }

    [Fact]
    public async Task A_user_who_is_not_admin_is_told_so_and_sees_no_editor()
    {
        var portal = await fixture.Host.CreatePortal();
        var page = await fixture.SignedInPage(portal.SecondEmail, "/settings/access", "[data-testid=access-refused]");

        await Assertions.Expect(page.Locator("[data-testid=access-refused]")).ToContainTextAsync("Only portal admins");
        await Assertions.Expect(page.Locator("[data-testid=access-settings]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=role-table], [data-testid=department-tree], [data-testid=admin-table], [data-testid=audit-table]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add role" })).ToHaveCountAsync(0);
    }
}
