using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>
/// Users management through <c>/api/users</c>: admins add users, deactivate and reactivate them (sign-in,
/// cookie sessions and API tokens stop), and hand their records to another active user; each change audited.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class UsersApiTests(WebFixture fixture)
{
    private const string NewPassword = "a-good-long-password";

    private async Task<(TestPortal Portal, HttpClient Admin)> NewPortal()
    {
        var portal = await fixture.Host.CreatePortal("Users portal");
        return (portal, (await fixture.Host.SignIn(portal.AdminEmail)).Http);
    }

    private static string NewEmail() => $"user-{Guid.NewGuid():N}@test.local";

    private static async Task<int> AddUser(HttpClient admin, string email, string name = "Carol Closer")
    {
        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = name, password = NewPassword });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static Task<HttpResponseMessage> SetActive(HttpClient admin, int userId, bool isActive) =>
        admin.PutAsJsonAsync($"/api/users/{userId}/active", new { isActive });

    private async Task<HttpStatusCode> Login(string email, string password)
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        return (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password })).StatusCode;
    }

    private static async Task<List<JsonElement>> Users(HttpClient http, string query = "") =>
        (await http.GetFromJsonAsync<List<JsonElement>>($"/api/users{query}"))!;

    private static async Task<List<JsonElement>> Audit(HttpClient admin, string action) =>
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/access/audit?limit=1000"))!.Where(e => e.GetProperty("action").GetString() == action).ToList();

    private async Task<long> UserRows(string where)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand($"SELECT count(*) FROM users WHERE {where}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_admin_adds_a_user_in_a_department_who_then_signs_in_and_is_listed_active()
    {
        var (portal, admin) = await NewPortal();
        var department = await (await admin.PostAsJsonAsync("/api/access/departments", new { name = "Sales", memberIds = new[] { portal.SecondId } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var departmentId = department.GetProperty("id").GetInt32();
        var email = NewEmail();

        var response = await admin.PostAsJsonAsync("/api/users", new { email = $"  {email} ", displayName = " Carol Closer ", password = NewPassword, departmentIds = new[] { departmentId } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal((email, "Carol Closer", true), (created.GetProperty("email").GetString(), created.GetProperty("displayName").GetString(), created.GetProperty("isActive").GetBoolean()));
        var carol = await fixture.Host.SignIn(email, NewPassword);
        var me = await carol.Http.GetFromJsonAsync<JsonElement>("/api/access/me");
        Assert.Equal((id, portal.PortalId, false), (me.GetProperty("userId").GetInt32(), me.GetProperty("portalId").GetInt32(), me.GetProperty("isAdmin").GetBoolean()));
        Assert.Equal([portal.SecondId, id], me.GetProperty("departmentUserIds").EnumerateArray().Select(e => e.GetInt32()).Order());
        var listed = (await Users(carol.Http)).Single(u => u.GetProperty("id").GetInt32() == id);
        Assert.True(listed.GetProperty("isActive").GetBoolean());
        var audited = Assert.Single(await Audit(admin, "user.created"));
        Assert.Equal((portal.AdminId, id), (audited.GetProperty("actorId").GetInt32(), audited.GetProperty("details").GetProperty("userId").GetInt32()));
    }

    [Fact]
    public async Task Bad_new_users_and_non_admin_callers_are_refused_clearly_and_nothing_is_created()
    {
        var (portal, admin) = await NewPortal();
        var seller = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        var email = NewEmail();
        var before = await UserRows($"portal_id = {portal.PortalId}");

        var problems = new (object Body, string Code, string Field)[]
        {
            (new { email = "not-an-email", displayName = "X", password = NewPassword }, "invalid_email", "email"),
            (new { email = "two words@test.local", displayName = "X", password = NewPassword }, "invalid_email", "email"),
            (new { email = portal.SecondEmail.ToUpperInvariant(), displayName = "X", password = NewPassword }, "duplicate_email", "email"),
            (new { email, displayName = "X", password = "short" }, "weak_password", "password"),
            (new { email, displayName = "X", password = "" }, "password_required", "password"),
            (new { email, displayName = "  ", password = NewPassword }, "display_name_required", "displayName"),
            (new { email, displayName = "X", password = NewPassword, departmentIds = new[] { 999 } }, "unknown_department", "departmentIds"),
        };
        foreach (var (body, code, field) in problems)
        {
            var problem = await ProblemOf(await admin.PostAsJsonAsync("/api/users", body), HttpStatusCode.BadRequest, code);
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
        await ProblemOf(await seller.PostAsJsonAsync("/api/users", new { email, displayName = "X", password = NewPassword }), HttpStatusCode.Forbidden, "not_admin");

        Assert.Equal(before, await UserRows($"portal_id = {portal.PortalId}"));
        Assert.Equal(0, await UserRows($"normalized_email = '{email.ToUpperInvariant()}'"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Login(email, NewPassword));
        Assert.Empty(await Audit(admin, "user.created"));
    }

    [Fact]
    public async Task A_deactivated_user_cannot_sign_in_their_session_stops_and_their_tokens_are_revoked_for_good()
    {
        var (portal, admin) = await NewPortal();
        var email = NewEmail();
        var id = await AddUser(admin, email);
        var session = await fixture.Host.SignIn(email, NewPassword);
        var token = (await (await session.Http.PostAsJsonAsync("/api/tokens", new { name = "Script" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var bearer = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/api/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/leads")).StatusCode);

        var deactivated = await SetActive(admin, id, false);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isActive").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Http.GetAsync("/api/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Login(email, NewPassword));
        Assert.False((await Users(admin)).Single(u => u.GetProperty("id").GetInt32() == id).GetProperty("isActive").GetBoolean());
        Assert.DoesNotContain(id, (await Users(admin, "?active=true")).Select(u => u.GetProperty("id").GetInt32()));
        // Deactivating again changes nothing and is not audited twice.
        Assert.Equal(HttpStatusCode.OK, (await SetActive(admin, id, false)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SetActive(admin, id, true)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, await Login(email, NewPassword));
        Assert.Contains(id, (await Users(admin, "?active=true")).Select(u => u.GetProperty("id").GetInt32()));
        // The session cut off stays cut off: reactivation needs a new sign-in; the token stays revoked.
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Http.GetAsync("/api/leads")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/leads")).StatusCode);
        Assert.NotNull(Assert.Single((await admin.GetFromJsonAsync<List<JsonElement>>($"/api/users/{id}/tokens"))!).GetProperty("revokedAt").GetString());
        var deactivation = Assert.Single(await Audit(admin, "user.deactivated")).GetProperty("details");
        Assert.Equal(id, deactivation.GetProperty("userId").GetInt32());
        Assert.Equal(1, deactivation.GetProperty("revokedTokens").GetInt32());
        Assert.Equal(id, Assert.Single(await Audit(admin, "user.reactivated")).GetProperty("details").GetProperty("userId").GetInt32());
    }

    [Fact]
    public async Task An_admin_sees_and_revokes_another_users_tokens_and_nobody_else_can()
    {
        var (portal, admin) = await NewPortal();
        var bob = await fixture.Host.SignIn(portal.SecondEmail);
        var created = await (await bob.Http.PostAsJsonAsync("/api/tokens", new { name = "Bob's script" })).Content.ReadFromJsonAsync<JsonElement>();
        var tokenId = created.GetProperty("id").GetInt64();
        using var bearer = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/leads")).StatusCode);

        var listed = Assert.Single((await admin.GetFromJsonAsync<List<JsonElement>>($"/api/users/{portal.SecondId}/tokens"))!);
        Assert.Equal("Bob's script", listed.GetProperty("name").GetString());
        Assert.False(listed.TryGetProperty("token", out _));
        // Bob may not look at the admin's tokens, nor revoke through the admin route; the token still works.
        await ProblemOf(await bob.Http.GetAsync($"/api/users/{portal.AdminId}/tokens"), HttpStatusCode.Forbidden, "not_admin");
        await ProblemOf(await bob.Http.DeleteAsync($"/api/users/{portal.SecondId}/tokens/{tokenId}"), HttpStatusCode.Forbidden, "not_admin");
        // The token named under the wrong owner is not found, and stays usable.
        await ProblemOf(await admin.DeleteAsync($"/api/users/{portal.AdminId}/tokens/{tokenId}"), HttpStatusCode.NotFound, "token_not_found");
        await ProblemOf(await admin.GetAsync("/api/users/987654/tokens"), HttpStatusCode.NotFound, "user_not_found");
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/leads")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{portal.SecondId}/tokens/{tokenId}")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/leads")).StatusCode);
        var revoked = Assert.Single(await Audit(admin, "token.revoked"));
        Assert.Equal(portal.AdminId, revoked.GetProperty("actorId").GetInt32());
        Assert.Equal(portal.SecondId, revoked.GetProperty("details").GetProperty("ownerId").GetInt32());
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves_nor_can_a_non_admin_deactivate_anyone()
    {
        var (portal, admin) = await NewPortal();
        var seller = (await fixture.Host.SignIn(portal.SecondEmail)).Http;

        await ProblemOf(await SetActive(admin, portal.AdminId, false), HttpStatusCode.BadRequest, "cannot_deactivate_self");
        await ProblemOf(await SetActive(seller, portal.AdminId, false), HttpStatusCode.Forbidden, "not_admin");
        await ProblemOf(await admin.PutAsJsonAsync($"/api/users/{portal.SecondId}/active", new { }), HttpStatusCode.BadRequest, "is_active_required");
        Assert.Equal(2, await UserRows($"portal_id = {portal.PortalId} AND is_active"));

        // With a second admin, one admin may deactivate the other, who can then no longer act.
        (await admin.PutAsJsonAsync($"/api/access/admins/{portal.SecondId}", new { isAdmin = true })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await SetActive(seller, portal.AdminId, false)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SetActive(admin, portal.SecondId, false)).StatusCode);
        await ProblemOf(await SetActive(seller, portal.SecondId, false), HttpStatusCode.BadRequest, "cannot_deactivate_self");
        Assert.Equal(1, await UserRows($"portal_id = {portal.PortalId} AND is_active"));
    }

    [Fact]
    public async Task Users_of_another_portal_answer_not_found_or_are_refused_as_target_and_nothing_changes()
    {
        var (portal, admin) = await NewPortal();
        var other = await fixture.Host.CreatePortal("Other users portal");

        await ProblemOf(await SetActive(admin, other.SecondId, false), HttpStatusCode.NotFound, "user_not_found");
        await ProblemOf(await admin.PostAsJsonAsync($"/api/users/{other.SecondId}/reassign", new { toUserId = portal.AdminId }), HttpStatusCode.NotFound, "user_not_found");
        await ProblemOf(await admin.PostAsJsonAsync($"/api/users/{portal.SecondId}/reassign", new { toUserId = other.AdminId }), HttpStatusCode.BadRequest, "unknown_target");

        Assert.Equal(HttpStatusCode.OK, (await (await fixture.Host.SignIn(other.SecondEmail)).Http.GetAsync("/api/leads")).StatusCode);
        Assert.Equal(2, await UserRows($"portal_id = {other.PortalId} AND is_active"));
        Assert.Empty(await Audit(admin, "user.deactivated"));
        Assert.Empty(await Audit(admin, "user.records_reassigned"));
    }

    [Fact]
    public async Task Reassigning_moves_a_deactivated_users_records_to_an_active_user_and_refuses_an_inactive_target()
    {
        var (portal, admin) = await NewPortal();
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        async Task<string> Create(string path, object body)
        {
            var response = await bob.PostAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return $"{path}/{(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64()}";
        }
        var lead = await Create("/api/leads", new { title = "Bob's lead" });
        var deal = await Create("/api/deals", new { title = "Bob's deal", amount = 10, currency = "USD", pipelineId = portal.PipelineId });
        var contact = await Create("/api/contacts", new { firstName = "Bob's contact" });
        var company = await Create("/api/companies", new { title = "Bob's company" });
        var leadId = long.Parse(lead.Split('/')[^1]);
        var open = await Create("/api/activities", new { type = "call", subject = "Call back", owner = new { kind = "lead", id = leadId } });
        var done = await Create("/api/activities", new { type = "task", subject = "Done already", owner = new { kind = "lead", id = leadId } });
        (await bob.PostAsJsonAsync($"{done}/done", new { })).EnsureSuccessStatusCode();
        async Task<int> Responsible(string path)
        {
            var record = await admin.GetFromJsonAsync<JsonElement>(path);
            return (record.TryGetProperty("fields", out var fields) ? fields : record).GetProperty("responsibleId").GetInt32();
        }
        var carol = await AddUser(admin, NewEmail());
        var dave = await AddUser(admin, NewEmail(), "Dave Departed");
        Assert.Equal(HttpStatusCode.OK, (await SetActive(admin, dave, false)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SetActive(admin, portal.SecondId, false)).StatusCode);
        // The records stay with the deactivated user until reassigned.
        Assert.Equal(portal.SecondId, await Responsible(lead));

        await ProblemOf(await admin.PostAsJsonAsync($"/api/users/{portal.SecondId}/reassign", new { toUserId = dave }), HttpStatusCode.BadRequest, "target_inactive");
        await ProblemOf(await admin.PostAsJsonAsync($"/api/users/{portal.SecondId}/reassign", new { toUserId = portal.SecondId }), HttpStatusCode.BadRequest, "same_user");
        await ProblemOf(await admin.PostAsJsonAsync($"/api/users/{portal.SecondId}/reassign", new { toUserId = carol, kinds = new[] { "invoice" } }), HttpStatusCode.BadRequest, "invalid_kind");
        Assert.All(await Task.WhenAll(new[] { lead, deal, contact, company, open }.Select(Responsible)), r => Assert.Equal(portal.SecondId, r));

        var leadsOnly = await admin.PostAsJsonAsync($"/api/users/{portal.SecondId}/reassign", new { toUserId = carol, kinds = new[] { "lead" } });
        Assert.Equal(HttpStatusCode.OK, leadsOnly.StatusCode);
        Assert.Equal((carol, portal.SecondId), (await Responsible(lead), await Responsible(deal)));

        var all = await admin.PostAsJsonAsync($"/api/users/{portal.SecondId}/reassign", new { toUserId = carol });
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var result = await all.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((4, 4, 0), (result.GetProperty("total").GetInt32(), result.GetProperty("succeeded").GetInt32(), result.GetProperty("failed").GetInt32()));
        Assert.Equal(0, result.GetProperty("kinds").GetProperty("lead").GetProperty("total").GetInt32());
        Assert.Equal(1, result.GetProperty("kinds").GetProperty("activity").GetProperty("rows").GetArrayLength());
        Assert.All(await Task.WhenAll(new[] { lead, deal, contact, company, open }.Select(Responsible)), r => Assert.Equal(carol, r));
        // A done activity keeps who did it.
        Assert.Equal(portal.SecondId, await Responsible(done));

        var audited = await Audit(admin, "user.records_reassigned");
        Assert.Equal(2, audited.Count);
        Assert.Equal((portal.SecondId, carol), (audited[0].GetProperty("details").GetProperty("fromUserId").GetInt32(), audited[0].GetProperty("details").GetProperty("toUserId").GetInt32()));
    }
}
