using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.TestSupport;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>
/// Robots through the API: a pipeline's and the lead statuses' robots per stage, replacing one
/// stage's list in order, the field catalogue, and who may read and change them. Every refusal names
/// its code and field and leaves the stored robots as they were.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RobotsApiTests(WebFixture fixture)
{
    private async Task<(TestPortal Portal, HttpClient Admin, HttpClient Seller)> NewPortal()
    {
        var portal = await fixture.Host.CreatePortal("Robots portal");
        return (portal, (await fixture.Host.SignIn(portal.AdminEmail)).Http, (await fixture.Host.SignIn(portal.SecondEmail)).Http);
    }

    private static string Stage(TestPortal portal, string code) => $"C{portal.PipelineId}:{code}";

    private static object Email(string id, string subject) => new
    {
        id, name = $"Mail {id}", action = "sendEmail", settings = new { subject, body = "Hello {{title}}" },
        timing = new { kind = "after", amount = 2, unit = "hours", workingHoursOnly = true },
        condition = new { match = "all", rules = new[] { new { fieldCode = "amount", @operator = "greater", value = "1000" } } },
    };

    private static object Comment(string id) => new { id, action = "addComment", settings = new { text = "Entered {{title}}" }, timing = new { kind = "immediately" } };

    private static Task<HttpResponseMessage> PutDeal(HttpClient http, TestPortal portal, string stageId, params object[] robots) =>
        http.PutAsJsonAsync($"/api/pipelines/{portal.PipelineId}/stages/{stageId}/robots", new { robots });

    private static JsonElement StageOf(JsonElement board, string stageId) =>
        board.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stageId").GetString() == stageId);

    [Fact]
    public async Task An_admin_replaces_a_stages_robots_and_every_stage_is_listed_in_order_with_its_robots_in_order()
    {
        var (portal, admin, _) = await NewPortal();
        var stage = Stage(portal, "PREPARATION");

        var saved = await PutDeal(admin, portal, stage, Email("mail", " Offer for {{Title}} "), Comment("note"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stored = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(stage, stored.GetProperty("stageId").GetString());
        Assert.Equal(["mail", "note"], stored.GetProperty("robots").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        // Stored as checked: trimmed, a default name for a nameless robot.
        Assert.Equal("Offer for {{Title}}", stored.GetProperty("robots")[0].GetProperty("settings").GetProperty("subject").GetString());
        Assert.Equal("Add a comment", stored.GetProperty("robots")[1].GetProperty("name").GetString());

        var board = await admin.GetFromJsonAsync<JsonElement>($"/api/pipelines/{portal.PipelineId}/robots");
        Assert.True(board.GetProperty("mayEdit").GetBoolean());
        var stages = board.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stageId").GetString()).ToList();
        Assert.Equal(8, stages.Count);
        Assert.Equal(Stage(portal, "NEW"), stages[0]);
        Assert.Equal(stage, stages[1]);
        Assert.Empty(StageOf(board, Stage(portal, "NEW")).GetProperty("robots").EnumerateArray());
        var mail = StageOf(board, stage).GetProperty("robots")[0];
        Assert.Equal("sendEmail", mail.GetProperty("action").GetString());
        Assert.Equal("after", mail.GetProperty("timing").GetProperty("kind").GetString());
        Assert.Equal(2, mail.GetProperty("timing").GetProperty("amount").GetInt32());
        Assert.True(mail.GetProperty("timing").GetProperty("workingHoursOnly").GetBoolean());
        Assert.Equal("greater", mail.GetProperty("condition").GetProperty("rules")[0].GetProperty("operator").GetString());

        // Reordered and one removed: the list is replaced whole.
        (await PutDeal(admin, portal, stage, Comment("note"), Email("mail", "Offer"))).EnsureSuccessStatusCode();
        board = await admin.GetFromJsonAsync<JsonElement>($"/api/pipelines/{portal.PipelineId}/robots");
        Assert.Equal(["note", "mail"], StageOf(board, stage).GetProperty("robots").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        (await PutDeal(admin, portal, stage)).EnsureSuccessStatusCode();
        board = await admin.GetFromJsonAsync<JsonElement>($"/api/pipelines/{portal.PipelineId}/robots");
        Assert.Empty(StageOf(board, stage).GetProperty("robots").EnumerateArray());
    }

    [Fact]
    public async Task Lead_statuses_have_their_own_robots()
    {
        var (_, admin, seller) = await NewPortal();
        var saved = await admin.PutAsJsonAsync("/api/lead-statuses/IN_PROCESS/robots", new { robots = new[] { Comment("hello") } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var board = await seller.GetFromJsonAsync<JsonElement>("/api/leads/robots");
        Assert.Equal("lead", board.GetProperty("recordKind").GetString());
        Assert.False(board.GetProperty("mayEdit").GetBoolean());
        Assert.Equal(["NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"], board.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stageId").GetString()));
        Assert.Equal("hello", StageOf(board, "IN_PROCESS").GetProperty("robots")[0].GetProperty("id").GetString());

        await ProblemOf(await admin.PutAsJsonAsync("/api/lead-statuses/NO_SUCH/robots", new { robots = new[] { Comment("x") } }), HttpStatusCode.NotFound, "stage_not_found");
        // A lead field is not a deal field and the other way round.
        var dealField = await ProblemOf(await admin.PutAsJsonAsync("/api/lead-statuses/NEW/robots", new
        {
            robots = new[] { new { id = "x", action = "addComment", settings = new { text = "x" }, timing = new { kind = "atField", fieldCode = "closeDate" } } },
        }), HttpStatusCode.BadRequest, "unknown_field");
        Assert.Equal("robots[0].timing.fieldCode", dealField.GetProperty("field").GetString());
    }

    public static TheoryData<string, object, string> BadRobots() => new()
    {
        { "unknown_field", new { id = "x", action = "addComment", settings = new { text = "x" }, condition = new { match = "all", rules = new[] { new { fieldCode = "shoeSize", @operator = "equals", value = "1" } } } }, "robots[0].condition.rules[0].fieldCode" },
        { "unknown_template_variable", new { id = "x", action = "sendEmail", settings = new { subject = "Hi {{nickname}}", body = "b" } }, "robots[0].settings.subject" },
        { "delay_out_of_range", new { id = "x", action = "addComment", settings = new { text = "x" }, timing = new { kind = "after", amount = 366, unit = "days" } }, "robots[0].timing.amount" },
        { "delay_out_of_range", new { id = "x", action = "addComment", settings = new { text = "x" }, timing = new { kind = "after", amount = 0, unit = "minutes" } }, "robots[0].timing.amount" },
        { "webhook_url_ip_address", new { id = "x", action = "callWebhook", settings = new { url = "http://127.0.0.1:8080/hook" } }, "robots[0].settings.url" },
        { "webhook_url_ip_address", new { id = "x", action = "callWebhook", settings = new { url = "http://10.0.0.5/hook" } }, "robots[0].settings.url" },
        { "webhook_url_ip_address", new { id = "x", action = "callWebhook", settings = new { url = "http://169.254.169.254/latest/meta-data/" } }, "robots[0].settings.url" },
        { "webhook_url_ip_address", new { id = "x", action = "callWebhook", settings = new { url = "http://0177.0.0.1/hook" } }, "robots[0].settings.url" },
        { "setting_required", new { id = "x", action = "moveToStage", settings = new { } }, "robots[0].settings.stageId" },
    };

    [Theory]
    [MemberData(nameof(BadRobots))]
    public async Task A_bad_robot_is_refused_with_its_code_and_field_and_the_stored_list_stays(string code, object robot, string field)
    {
        var (portal, admin, _) = await NewPortal();
        var stage = Stage(portal, "NEW");
        (await PutDeal(admin, portal, stage, Comment("kept"))).EnsureSuccessStatusCode();
        var before = await admin.GetStringAsync($"/api/pipelines/{portal.PipelineId}/robots");

        // The bad robot comes after a good one: nothing of the list is stored.
        var problem = await ProblemOf(await PutDeal(admin, portal, stage, Comment("good"), robot), HttpStatusCode.BadRequest, code);
        Assert.Equal(field.Replace("robots[0]", "robots[1]"), problem.GetProperty("field").GetString());
        Assert.Equal(before, await admin.GetStringAsync($"/api/pipelines/{portal.PipelineId}/robots"));
    }

    [Fact]
    public async Task Unknown_stages_pipelines_and_bodies_that_are_not_robots_are_refused_and_change_nothing()
    {
        var (portal, admin, _) = await NewPortal();
        var stage = Stage(portal, "NEW");
        (await PutDeal(admin, portal, stage, Comment("kept"))).EnsureSuccessStatusCode();
        var before = await admin.GetStringAsync($"/api/pipelines/{portal.PipelineId}/robots");

        await ProblemOf(await PutDeal(admin, portal, "C999:NEW", Comment("x")), HttpStatusCode.NotFound, "stage_not_found");
        await ProblemOf(await admin.PutAsJsonAsync($"/api/pipelines/999999/stages/{stage}/robots", new { robots = new[] { Comment("x") } }), HttpStatusCode.NotFound, "pipeline_not_found");
        await ProblemOf(await admin.GetAsync("/api/pipelines/999999/robots"), HttpStatusCode.NotFound, "pipeline_not_found");

        using var notJson = new StringContent("robots: everything", Encoding.UTF8, "application/json");
        await ProblemOf(await admin.PutAsync($"/api/pipelines/{portal.PipelineId}/stages/{stage}/robots", notJson), HttpStatusCode.BadRequest, "invalid_json");
        using var badAction = new StringContent("""{"robots":[{"id":"x","action":"launchRocket"}]}""", Encoding.UTF8, "application/json");
        var action = await ProblemOf(await admin.PutAsync($"/api/pipelines/{portal.PipelineId}/stages/{stage}/robots", badAction), HttpStatusCode.BadRequest, "invalid_json");
        Assert.Equal("robots[0].action", action.GetProperty("field").GetString());
        var missing = await ProblemOf(await admin.PutAsJsonAsync($"/api/pipelines/{portal.PipelineId}/stages/{stage}/robots", new { }), HttpStatusCode.BadRequest, "robots_required");
        Assert.Equal("robots", missing.GetProperty("field").GetString());
        var hole = await ProblemOf(await admin.PutAsJsonAsync($"/api/pipelines/{portal.PipelineId}/stages/{stage}/robots", new { robots = new object?[] { Comment("a"), null } }),
            HttpStatusCode.BadRequest, "robot_required");
        Assert.Equal("robots[1]", hole.GetProperty("field").GetString());

        Assert.Equal(before, await admin.GetStringAsync($"/api/pipelines/{portal.PipelineId}/robots"));
    }

    [Fact]
    public async Task Everyone_who_reads_deals_sees_the_robots_but_only_the_settings_right_changes_them()
    {
        var (portal, admin, seller) = await NewPortal();
        var stage = Stage(portal, "NEW");
        (await PutDeal(admin, portal, stage, Comment("kept"))).EnsureSuccessStatusCode();
        var before = await admin.GetStringAsync($"/api/pipelines/{portal.PipelineId}/robots");

        var seen = await seller.GetFromJsonAsync<JsonElement>($"/api/pipelines/{portal.PipelineId}/robots");
        Assert.False(seen.GetProperty("mayEdit").GetBoolean());
        Assert.Equal("kept", StageOf(seen, stage).GetProperty("robots")[0].GetProperty("id").GetString());
        await ProblemOf(await PutDeal(seller, portal, stage), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await seller.PutAsJsonAsync("/api/lead-statuses/NEW/robots", new { robots = new[] { Comment("x") } }), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(before, await admin.GetStringAsync($"/api/pipelines/{portal.PipelineId}/robots"));
        Assert.Empty(StageOf(await admin.GetFromJsonAsync<JsonElement>("/api/leads/robots"), "NEW").GetProperty("robots").EnumerateArray());

        // A role without any deal or lead right sees no robots either.
        await AccessSetup.OnlyRole(admin, portal.SecondId, "Contacts only", new { entity = "contact", action = "read", scope = "all" });
        await ProblemOf(await seller.GetAsync($"/api/pipelines/{portal.PipelineId}/robots"), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await seller.GetAsync("/api/leads/robots"), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await seller.GetAsync("/api/robots/fields?kind=deal"), HttpStatusCode.Forbidden, "access_denied");
    }

    [Fact]
    public async Task The_field_catalogue_lists_standard_and_custom_fields_with_operators_and_list_items()
    {
        var (_, admin, seller) = await NewPortal();
        (await admin.PostAsJsonAsync("/api/custom-fields", new
        {
            recordKind = "deal", label = "Region", type = "list", items = new[] { new { id = "", name = "North" }, new { id = "", name = "South" } },
        })).EnsureSuccessStatusCode();

        var deal = await seller.GetFromJsonAsync<JsonElement>("/api/robots/fields?kind=deal");
        var byCode = deal.EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
        Assert.Equal("text", byCode["title"].GetProperty("kind").GetString());
        Assert.True(byCode["title"].GetProperty("writable").GetBoolean());
        Assert.Contains("contains", byCode["title"].GetProperty("operators").EnumerateArray().Select(o => o.GetString()));
        Assert.DoesNotContain("contains", byCode["amount"].GetProperty("operators").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("date", byCode["closeDate"].GetProperty("kind").GetString());
        Assert.Contains("Deal won", byCode["stageId"].GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        var region = byCode.Values.Single(f => f.GetProperty("label").GetString() == "Region");
        Assert.True(region.GetProperty("custom").GetBoolean());
        Assert.Equal(["North", "South"], region.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));

        var lead = await seller.GetFromJsonAsync<JsonElement>("/api/robots/fields?kind=lead");
        var statuses = lead.EnumerateArray().Single(f => f.GetProperty("code").GetString() == "statusId");
        Assert.Contains("IN_PROCESS", statuses.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.DoesNotContain(lead.EnumerateArray(), f => f.GetProperty("label").GetString() == "Region");

        var unknown = await ProblemOf(await seller.GetAsync("/api/robots/fields?kind=contact"), HttpStatusCode.BadRequest, "unknown_record_kind");
        Assert.Equal("kind", unknown.GetProperty("field").GetString());
    }
}
