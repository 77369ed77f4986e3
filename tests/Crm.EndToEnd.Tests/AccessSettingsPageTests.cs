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
        await page.Keyboard.PressAsync("Escape"); // closes the member list, not the dialog
        await departmentEditor.Locator("[data-testid=department-save]").ClickAsync();
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
