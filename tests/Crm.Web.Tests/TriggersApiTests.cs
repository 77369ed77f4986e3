using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>The triggers configuration API: a board's triggers per stage, read by record readers, changed by admins.</summary>
[Collection(WebCollection.Name)]
public sealed class TriggersApiTests(WebFixture fixture)
{
    [Fact]
    public async Task An_admin_saves_a_stages_triggers_cleaned_and_audited_and_a_seller_reads_but_cannot_change_them()
    {
        var s = await TriggerSetup.Start(fixture);
        var stage = s.Stages[2];
        var saved = await TriggerSetup.Ok(await s.Admin.PutAsJsonAsync($"/api/pipelines/{s.Portal.PipelineId}/stages/{stage}/triggers", new
        {
            triggers = new object[]
            {
                new { kind = "webhook", code = " Paid ", name = " Invoice paid ", formId = "dropped" },
                new { kind = "dealStage", pipelineId = s.Portal.PipelineId, stageId = s.Stages[5], allowBack = true },
            },
        }));
        Assert.Equal(stage, saved.GetProperty("stageId").GetString());
        Assert.Equal("""[{"id":"t1","name":"Invoice paid","kind":"webhook","allowBack":false,"code":"paid","pipelineId":null,"stageId":null,"formId":null,"channel":null,"firstMessageOnly":null},""" +
            $$"""{"id":"t2","name":"Client's other deal changed stage","kind":"dealStage","allowBack":true,"code":null,"pipelineId":{{s.Portal.PipelineId}},"stageId":"{{s.Stages[5]}}","formId":null,"channel":null,"firstMessageOnly":null}]""",
            saved.GetProperty("triggers").GetRawText());

        var seller = (await fixture.Host.SignIn(s.Portal.SecondEmail)).Http;
        var board = await seller.GetFromJsonAsync<JsonElement>($"/api/pipelines/{s.Portal.PipelineId}/triggers");
        Assert.False(board.GetProperty("canEdit").GetBoolean());
        var column = board.GetProperty("stages").EnumerateArray().Single(c => c.GetProperty("stageId").GetString() == stage);
        Assert.Equal(saved.GetProperty("triggers").GetRawText(), column.GetProperty("triggers").GetRawText());
        Assert.Equal(s.Stages, board.GetProperty("stages").EnumerateArray().Select(c => c.GetProperty("stageId").GetString()!));

        await ProblemOf(await seller.PutAsJsonAsync($"/api/pipelines/{s.Portal.PipelineId}/stages/{stage}/triggers", new { triggers = Array.Empty<object>() }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await seller.PutAsJsonAsync("/api/lead-statuses/NEW/triggers", new { triggers = Array.Empty<object>() }), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(2, (await s.Admin.GetFromJsonAsync<JsonElement>($"/api/pipelines/{s.Portal.PipelineId}/triggers"))
            .GetProperty("stages").EnumerateArray().Single(c => c.GetProperty("stageId").GetString() == stage).GetProperty("triggers").GetArrayLength());

        var audit = (await s.Admin.GetFromJsonAsync<List<JsonElement>>("/api/access/audit?limit=100"))!.Where(e => e.GetProperty("action").GetString() == "triggers.saved").ToList();
        Assert.Equal(s.Portal.AdminId, Assert.Single(audit).GetProperty("actorId").GetInt32());
    }

    [Fact]
    public async Task The_lead_board_lists_every_status_and_its_triggers()
    {
        var s = await TriggerSetup.Start(fixture);
        await s.SetLeadTriggers("IN_PROCESS", new { kind = "chatMessage", channel = "site" });
        var board = await s.Admin.GetFromJsonAsync<JsonElement>("/api/leads/triggers");
        Assert.True(board.GetProperty("canEdit").GetBoolean());
        var columns = board.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"], columns.Select(c => c.GetProperty("stageId").GetString()));
        Assert.Equal("site", columns[1].GetProperty("triggers")[0].GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Bad_trigger_lists_are_refused_with_the_field_at_fault_and_change_nothing()
    {
        var s = await TriggerSetup.Start(fixture);
        await s.SetDealTriggers(s.Stages[1], new { kind = "webhook", code = "paid" });
        var pipeline = s.Portal.PipelineId;
        var before = await s.Admin.GetStringAsync($"/api/pipelines/{pipeline}/triggers");
        var leadsBefore = await s.Admin.GetStringAsync("/api/leads/triggers");

        async Task Refused(string path, object body, HttpStatusCode status, string code, string? field = null)
        {
            var problem = await ProblemOf(await s.Admin.PutAsJsonAsync(path, body), status, code);
            Assert.Equal(field, problem.TryGetProperty("field", out var f) ? f.GetString() : null);
        }

        var stagePath = $"/api/pipelines/{pipeline}/stages/{s.Stages[2]}/triggers";
        await Refused($"/api/pipelines/{pipeline}/stages/NO_SUCH/triggers", new { triggers = new[] { new { kind = "incomingCall" } } }, HttpStatusCode.NotFound, "stage_not_found");
        await Refused($"/api/pipelines/987654/stages/{s.Stages[2]}/triggers", new { triggers = new[] { new { kind = "incomingCall" } } }, HttpStatusCode.NotFound, "pipeline_not_found");
        await Refused(stagePath, new { }, HttpStatusCode.BadRequest, "triggers_required", "triggers");
        await Refused(stagePath, new { triggers = new[] { new { name = "No kind" } } }, HttpStatusCode.BadRequest, "kind_required", "triggers[0].kind");
        await Refused(stagePath, new { triggers = new[] { new { kind = "teleport" } } }, HttpStatusCode.BadRequest, "invalid_json", "triggers[0].kind");
        await Refused(stagePath, new { triggers = new[] { new { kind = "webhook", code = "PAID" } } }, HttpStatusCode.BadRequest, "duplicate_code", "triggers[0].code");
        await Refused(stagePath, new { triggers = new[] { new { kind = "webhook", code = "with space" } } }, HttpStatusCode.BadRequest, "code_invalid", "triggers[0].code");
        await Refused(stagePath, new { triggers = new object[] { new { kind = "dealStage", pipelineId = 987654, stageId = "WON" } } }, HttpStatusCode.BadRequest, "unknown_pipeline", "triggers[0].pipelineId");
        await Refused(stagePath, new { triggers = new object[] { new { kind = "dealStage", pipelineId = pipeline, stageId = "NOPE" } } }, HttpStatusCode.BadRequest, "unknown_stage", "triggers[0].stageId");
        await Refused(stagePath, new { triggers = new object[] { new { kind = "incomingCall", name = new string('n', 101) } } }, HttpStatusCode.BadRequest, "name_too_long", "triggers[0].name");
        await Refused("/api/lead-statuses/CONVERTED/triggers", new { triggers = new[] { new { kind = "incomingEmail" } } }, HttpStatusCode.BadRequest, "converted_status", "stageId");
        await Refused("/api/lead-statuses/NEW/triggers", new { triggers = new object[] { new { kind = "dealStage", pipelineId = pipeline, stageId = s.Stages[5] } } }, HttpStatusCode.BadRequest, "kind_not_for_leads", "triggers[0].kind");
        await Refused("/api/lead-statuses/NO_SUCH/triggers", new { triggers = new[] { new { kind = "incomingEmail" } } }, HttpStatusCode.NotFound, "stage_not_found");

        Assert.Equal(before, await s.Admin.GetStringAsync($"/api/pipelines/{pipeline}/triggers"));
        Assert.Equal(leadsBefore, await s.Admin.GetStringAsync("/api/leads/triggers"));
    }
}
