using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>The access settings through <c>/api/access</c>: admins change them, others are refused and change nothing, changes and sign-ins are audited.</summary>
[Collection(WebCollection.Name)]
public sealed class AccessApiTests(WebFixture fixture)
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    private async Task<(TestPortal Portal, HttpClient Admin, HttpClient Seller)> NewPortal()
    {
        var portal = await fixture.Host.CreatePortal("Access portal");
        return (portal, (await fixture.Host.SignIn(portal.AdminEmail)).Http, (await fixture.Host.SignIn(portal.SecondEmail)).Http);
    }

    [Fact]
    public async Task An_admin_builds_departments_and_roles_and_the_assigned_user_sees_them_in_their_rights()
    {
        var (portal, admin, seller) = await NewPortal();
        var department = await (await admin.PostAsJsonAsync("/api/access/departments",
            new { name = "Sales", headId = portal.AdminId, memberIds = new[] { portal.SecondId } })).Content.ReadFromJsonAsync<JsonElement>();
        var created = await admin.PostAsJsonAsync("/api/access/roles", new
        {
            name = "Own deals",
            permissions = new object[]
            {
                new { entity = "deal", action = "read", scope = "own" },
                new { entity = "deal", action = "edit", scope = "none", pipelineId = portal.PipelineId, stageId = "WON" },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var role = await created.Content.ReadFromJsonAsync<JsonElement>();
        var roleId = role.GetProperty("id").GetInt32();
        var assigned = await admin.PutAsJsonAsync($"/api/access/roles/{roleId}/assignees",
            new[] { new { kind = "department", subjectId = department.GetProperty("id").GetInt32() } });
        assigned.EnsureSuccessStatusCode();

        var me = await seller.GetFromJsonAsync<JsonElement>("/api/access/me");
        Assert.False(me.GetProperty("isAdmin").GetBoolean());
        Assert.Contains("Own deals", me.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal([portal.AdminId, portal.SecondId], me.GetProperty("departmentUserIds").EnumerateArray().Select(e => e.GetInt32()).Order());
        var permission = role.GetProperty("permissions")[1];
        Assert.Equal(("edit", "none", "WON"), (permission.GetProperty("action").GetString(), permission.GetProperty("scope").GetString(), permission.GetProperty("stageId").GetString()));

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/access/audit");
        var actions = audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("department.added", actions);
        Assert.Contains("role.added", actions);
        Assert.Contains("role.assigned", actions);
        Assert.Contains("sign_in", actions);
    }

    [Fact]
    public async Task A_user_who_is_not_admin_can_neither_see_nor_change_the_settings_and_nothing_changes()
    {
        var (_, admin, seller) = await NewPortal();
        var before = await admin.GetStringAsync("/api/access");

        await ProblemOf(await seller.GetAsync("/api/access"), HttpStatusCode.Forbidden, "not_admin");
        await ProblemOf(await seller.GetAsync("/api/access/audit"), HttpStatusCode.Forbidden, "not_admin");
        await ProblemOf(await seller.PostAsJsonAsync("/api/access/roles", new { name = "Mine", permissions = Array.Empty<object>() }), HttpStatusCode.Forbidden, "not_admin");
        await ProblemOf(await seller.PostAsJsonAsync("/api/access/departments", new { name = "Mine" }), HttpStatusCode.Forbidden, "not_admin");
        await ProblemOf(await seller.PutAsJsonAsync("/api/access/roles/1/assignees", new[] { new { kind = "everyone" } }), HttpStatusCode.Forbidden, "not_admin");

        Assert.Equal(before, await admin.GetStringAsync("/api/access"));
    }

    [Fact]
    public async Task Bad_settings_get_clear_errors_and_change_nothing()
    {
        var (portal, admin, _) = await NewPortal();
        var before = await admin.GetStringAsync("/api/access");

        await ProblemOf(await admin.PostAsJsonAsync("/api/access/roles", new { name = "X", permissions = new[] { new { entity = "invoice", action = "read", scope = "all" } } }),
            HttpStatusCode.BadRequest, "unknown_entity");
        await ProblemOf(await admin.PostAsJsonAsync("/api/access/roles", new { name = "X", permissions = new[] { new { entity = "lead", action = "read" } } }),
            HttpStatusCode.BadRequest, "invalid_permission");
        await ProblemOf(await admin.PostAsJsonAsync("/api/access/roles", new { name = "X", permissions = new[] { new { entity = "lead", action = "read", scope = "everything" } } }),
            HttpStatusCode.BadRequest, "invalid_json");
        await ProblemOf(await admin.PostAsJsonAsync("/api/access/roles", new { name = "  ", permissions = Array.Empty<object>() }), HttpStatusCode.BadRequest, "name_required");
        await ProblemOf(await admin.PutAsJsonAsync("/api/access/roles/999/assignees", new[] { new { kind = "everyone" } }), HttpStatusCode.NotFound, "role_not_found");
        await ProblemOf(await admin.PutAsJsonAsync("/api/access/roles/1/assignees", new[] { new { kind = "department", subjectId = 999 } }), HttpStatusCode.BadRequest, "unknown_department");
        await ProblemOf(await admin.PostAsJsonAsync("/api/access/departments", new { name = "Ghosts", memberIds = new[] { 999_999 } }), HttpStatusCode.BadRequest, "unknown_user");
        await ProblemOf(await admin.PutAsJsonAsync($"/api/access/admins/{portal.AdminId}", new { isAdmin = false }), HttpStatusCode.Conflict, "last_admin");
        await ProblemOf(await admin.PutAsJsonAsync($"/api/access/admins/{portal.SecondId}", new { }), HttpStatusCode.BadRequest, "is_admin_required");

        Assert.Equal(before, await admin.GetStringAsync("/api/access"));
    }

    [Fact]
    public async Task A_user_of_another_portal_cannot_be_put_in_a_department_or_made_admin()
    {
        var (_, admin, _) = await NewPortal();
        var other = await fixture.Host.CreatePortal("Other access portal");
        await ProblemOf(await admin.PostAsJsonAsync("/api/access/departments", new { name = "Poach", memberIds = new[] { other.SecondId } }), HttpStatusCode.BadRequest, "unknown_user");
        await ProblemOf(await admin.PutAsJsonAsync($"/api/access/admins/{other.SecondId}", new { isAdmin = true }), HttpStatusCode.BadRequest, "unknown_user");
    }

    [Fact]
    public async Task A_failed_sign_in_of_a_known_user_is_audited()
    {
        var (portal, admin, _) = await NewPortal();
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        var refused = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = portal.SecondEmail, password = "wrong password" });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/access/audit");
        var failed = audit.EnumerateArray().First(e => e.GetProperty("action").GetString() == "sign_in.failed");
        Assert.Equal(portal.SecondId, failed.GetProperty("actorId").GetInt32());
    }
}
