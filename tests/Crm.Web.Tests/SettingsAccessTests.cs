using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Pipelines, selection lists and custom fields change only with the settings right (admins have it; the default role has not).</summary>
[Collection(WebCollection.Name)]
public sealed class SettingsAccessTests(WebFixture fixture)
{
    [Fact]
    public async Task Without_the_settings_right_every_settings_change_is_refused_and_nothing_changes_and_a_role_can_grant_it()
    {
        var portal = await fixture.Host.CreatePortal("Settings access portal");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var seller = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        var pipelines = await admin.GetStringAsync("/api/pipelines");
        var sources = await admin.GetStringAsync("/api/lists/lead-sources");
        var fields = await admin.GetStringAsync("/api/custom-fields?recordKind=lead");

        await ProblemOf(await seller.PostAsJsonAsync("/api/pipelines", new { name = "Mine" }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await seller.PutAsJsonAsync($"/api/pipelines/{portal.PipelineId}", new { name = "Renamed" }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await seller.PostAsJsonAsync($"/api/pipelines/{portal.PipelineId}/stages", new { name = "Extra", color = "#123456", semantic = "inProgress" }),
            HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await seller.PutAsJsonAsync("/api/lists/lead-sources", new[] { new { id = "WEB", name = "Web" } }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await seller.PostAsJsonAsync("/api/custom-fields", new { recordKind = "lead", label = "Budget", type = "number" }), HttpStatusCode.Forbidden, "access_denied");

        Assert.Equal(pipelines, await admin.GetStringAsync("/api/pipelines"));
        Assert.Equal(sources, await admin.GetStringAsync("/api/lists/lead-sources"));
        Assert.Equal(fields, await admin.GetStringAsync("/api/custom-fields?recordKind=lead"));

        var role = await (await admin.PostAsJsonAsync("/api/access/roles", new
        {
            name = "Settings editors",
            permissions = new object[] { new { entity = "settings", action = "edit", scope = "all" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PutAsJsonAsync($"/api/access/roles/{role.GetProperty("id").GetInt32()}/assignees", new[] { new { kind = "user", subjectId = portal.SecondId } }))
            .EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await seller.PostAsJsonAsync("/api/custom-fields", new { recordKind = "lead", label = "Budget", type = "number" })).StatusCode);
    }
}
