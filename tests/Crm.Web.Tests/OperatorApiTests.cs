using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Web.Operator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>
/// The hosting operator's API: a portal opened through it comes with a working admin, the default
/// roles and pipeline; only the operator key opens it; bad input creates nothing.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class OperatorApiTests(WebFixture fixture)
{
    private const string Password = "a-good-long-password";

    private HttpClient Operator(string? key)
    {
        var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        if (key is not null) http.DefaultRequestHeaders.Add(OperatorKeyFilter.Header, key);
        return http;
    }

    private static object Request(string name, string email, string password = Password, string displayName = "Olga Owner") =>
        new { name, admin = new { email, displayName, password } };

    private static string NewEmail() => $"owner-{Guid.NewGuid():N}@test.local";

    private async Task<(long Portals, long Users)> Counts()
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand("SELECT (SELECT count(*) FROM portals), (SELECT count(*) FROM users)");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    [Fact]
    public async Task A_portal_opened_by_the_operator_has_an_admin_who_signs_in_and_runs_it()
    {
        using var http = Operator(fixture.OperatorKey);
        var email = NewEmail();
        var response = await http.PostAsJsonAsync("/api/operator/portals", Request("  Acme Hosting  ", email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var portalId = created.GetProperty("id").GetInt32();
        Assert.Equal("Acme Hosting", created.GetProperty("name").GetString());
        Assert.Equal(email, created.GetProperty("adminEmail").GetString());
        Assert.Equal(1, created.GetProperty("activeUsers").GetInt32());

        var admin = (await fixture.Host.SignIn(email, Password)).Http;
        var only = Assert.Single((await admin.GetFromJsonAsync<List<JsonElement>>("/api/users"))!);
        Assert.Equal(created.GetProperty("adminUserId").GetInt32(), only.GetProperty("id").GetInt32());
        // The admin can do what only admins can, in the new portal only: add a user, see the default pipeline.
        var added = await admin.PostAsJsonAsync("/api/users", new { email = NewEmail(), displayName = "Sam Seller", password = Password });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var pipelines = await admin.GetFromJsonAsync<List<JsonElement>>("/api/pipelines");
        Assert.NotEmpty(pipelines!);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/deals")).GetProperty("total").GetInt32());
        var audit = await admin.GetFromJsonAsync<List<JsonElement>>("/api/access/audit?limit=1000");
        Assert.Contains(audit!, e => e.GetProperty("action").GetString() == "portal.created");

        var listed = await http.GetFromJsonAsync<List<JsonElement>>($"/api/operator/portals?fromId={portalId}&limit=1");
        var row = Assert.Single(listed!);
        Assert.Equal(portalId, row.GetProperty("id").GetInt32());
        Assert.Equal(2, row.GetProperty("activeUsers").GetInt32());
    }

    [Fact]
    public async Task Without_the_operator_key_nothing_is_created_or_listed_not_even_for_a_portal_admin()
    {
        var before = await Counts();
        using (var anonymous = Operator(null))
        {
            await ProblemOf(await anonymous.PostAsJsonAsync("/api/operator/portals", Request("Sneaky", NewEmail())), HttpStatusCode.Unauthorized, "operator_key_required");
            await ProblemOf(await anonymous.GetAsync("/api/operator/portals"), HttpStatusCode.Unauthorized, "operator_key_required");
        }
        using (var wrong = Operator(fixture.OperatorKey + "x"))
            await ProblemOf(await wrong.PostAsJsonAsync("/api/operator/portals", Request("Sneaky", NewEmail())), HttpStatusCode.Unauthorized, "operator_key_invalid");
        var portalAdmin = (await fixture.Host.SignIn(fixture.Portal.AdminEmail)).Http;
        await ProblemOf(await portalAdmin.PostAsJsonAsync("/api/operator/portals", Request("Sneaky", NewEmail())), HttpStatusCode.Unauthorized, "operator_key_required");
        Assert.Equal(before, await Counts());
    }

    [Theory]
    [InlineData("", "owner@x.test", Password, "portal_name_required", "name")]
    [InlineData("Line\nbreak", "owner@x.test", Password, "portal_name_invalid", "name")]
    [InlineData("not an e-mail", "owner", Password, "invalid_email", "admin.email")]
    [InlineData("Weak", "owner@x.test", "short", "weak_password", "admin.password")]
    [InlineData("No password", "owner@x.test", "", "password_required", "admin.password")]
    public async Task Bad_input_is_refused_with_its_field_and_creates_nothing(string name, string email, string password, string code, string field)
    {
        using var http = Operator(fixture.OperatorKey);
        var before = await Counts();
        var problem = await ProblemOf(await http.PostAsJsonAsync("/api/operator/portals", Request(name, email.Replace("owner@", $"owner-{Guid.NewGuid():N}@"), password)),
            HttpStatusCode.BadRequest, code);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task A_taken_email_a_missing_admin_or_a_body_that_is_not_json_creates_nothing()
    {
        using var http = Operator(fixture.OperatorKey);
        var before = await Counts();
        var taken = await ProblemOf(await http.PostAsJsonAsync("/api/operator/portals", Request("Copycat", fixture.Portal.AdminEmail)), HttpStatusCode.BadRequest, "duplicate_email");
        Assert.Equal("admin.email", taken.GetProperty("field").GetString());
        await ProblemOf(await http.PostAsJsonAsync("/api/operator/portals", new { name = "Nobody" }), HttpStatusCode.BadRequest, "admin_required");
        await ProblemOf(await http.PostAsync("/api/operator/portals", new StringContent("{name:", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "invalid_json");
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task A_server_without_an_operator_key_has_no_operator_api()
    {
        var configuration = fixture.Host.Services.GetRequiredService<IConfiguration>();
        configuration[OperatorKeyFilter.ConfigKey] = "";
        try
        {
            using var http = Operator(fixture.OperatorKey);
            await ProblemOf(await http.PostAsJsonAsync("/api/operator/portals", Request("Unhosted", NewEmail())), HttpStatusCode.NotFound, "operator_api_disabled");
            await ProblemOf(await http.GetAsync("/api/operator/portals"), HttpStatusCode.NotFound, "operator_api_disabled");
        }
        finally
        {
            configuration[OperatorKeyFilter.ConfigKey] = fixture.OperatorKey;
        }
    }
}
