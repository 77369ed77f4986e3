using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Pipelines;
using Crm.TestSupport;
using Crm.Web.Deals;

using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class DealsApiTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;
    private SignedInClient _client = default!;

    public async Task InitializeAsync() => _client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Http => _client.Http;

    private async Task<Deal> Create(string title = "API deal", decimal amount = 100, string? stageId = null)
    {
        var response = await Http.PostAsJsonAsync("/api/deals", new { title, amount, currency = "USD", stageId, pipelineId = fixture.Portal.PipelineId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Deal>(Json))!;
    }

    private async Task<Deal> Get(long id) => (await Http.GetFromJsonAsync<Deal>($"/api/deals/{id}", Json))!;

    private async Task<Pipeline> Pipeline(long? id = null) =>
        (await Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{id ?? fixture.Portal.PipelineId}", Json))!;

    private async Task<int> DealRowCount()
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand($"SELECT count(*) FROM deals WHERE portal_id = {fixture.Portal.PortalId}");
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_deal_is_created_edited_moved_closed_and_its_timeline_says_who_changed_what()
    {
        var pipeline = await Pipeline();
        var deal = await Create("Timeline deal", 100);
        Assert.Equal(pipeline.FirstStage.Id, deal.StageId);
        Assert.Equal(fixture.Portal.AdminId, deal.ResponsibleId);

        var edit = await Http.PutAsJsonAsync($"/api/deals/{deal.Id}", new
        {
            title = "Timeline deal, bigger", amount = 250.5, currency = "EUR", responsibleId = fixture.Portal.SecondId,
            beginDate = "2026-11-01", closeDate = "2026-12-24", comments = "Call back", version = deal.Version,
        });
        var edited = (await edit.Content.ReadFromJsonAsync<Deal>(Json))!;
        Assert.Equal((2L, 250.5m, "EUR", fixture.Portal.SecondId, new DateOnly(2026, 12, 24)), (edited.Version, edited.Amount, edited.Currency, edited.ResponsibleId, edited.CloseDate!.Value));

        var moved = (await (await Http.PostAsJsonAsync($"/api/deals/{deal.Id}/move", new { stageId = pipeline.Stages[1].Id })).Content.ReadFromJsonAsync<Deal>(Json))!;
        Assert.Equal(pipeline.Stages[1].Id, moved.StageId);
        var won = (await (await Http.PostAsJsonAsync($"/api/deals/{deal.Id}/close", new { outcome = "won" })).Content.ReadFromJsonAsync<Deal>(Json))!;
        Assert.True(won.IsClosed);
        Assert.Equal(StageSemantic.Won, pipeline.FindStage(won.StageId)!.Semantic);

        var history = (await Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/deals/{deal.Id}/history", Json))!;
        Assert.Equal(["won", "moved", "updated", "created"], history.Select(h => h.Action));
        var update = history[2];
        Assert.Equal(fixture.Portal.AdminId, update.ActorId);
        Assert.Contains(new FieldChange("amount", "100", "250.5"), update.Changes);
        Assert.Contains(new FieldChange("title", "Timeline deal", "Timeline deal, bigger"), update.Changes);
        Assert.Contains(new FieldChange("stageId", pipeline.FirstStage.Id, pipeline.Stages[1].Id), history[1].Changes);
    }

    [Fact]
    public async Task Moving_to_a_stage_of_another_pipeline_or_an_unknown_stage_is_refused_and_changes_nothing()
    {
        var other = (await (await Http.PostAsJsonAsync("/api/pipelines", new { name = "Other" })).Content.ReadFromJsonAsync<Pipeline>(Json))!;
        var deal = await Create("Stays put");
        var detail = await Problem(await Http.PostAsJsonAsync($"/api/deals/{deal.Id}/move", new { stageId = other.Stages[1].Id }), HttpStatusCode.BadRequest, "unknown_stage");
        Assert.Contains(other.Stages[1].Id, detail);
        await Problem(await Http.PostAsJsonAsync($"/api/deals/{deal.Id}/move", new { stageId = "NOPE" }), HttpStatusCode.BadRequest, "unknown_stage");
        Assert.Equal(deal, await Get(deal.Id));
    }

    [Fact]
    public async Task Editing_or_moving_a_deleted_deal_answers_not_found()
    {
        var deal = await Create("Short lived");
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/deals/{deal.Id}")).StatusCode);
        await Problem(await Http.PutAsJsonAsync($"/api/deals/{deal.Id}", new { title = "Back", amount = 1, currency = "USD" }), HttpStatusCode.NotFound, "deal_not_found");
        await Problem(await Http.PostAsJsonAsync($"/api/deals/{deal.Id}/move", new { stageId = deal.StageId }), HttpStatusCode.NotFound, "deal_not_found");
        await Problem(await Http.GetAsync($"/api/deals/{deal.Id}"), HttpStatusCode.NotFound, "deal_not_found");
        var list = (await Http.GetFromJsonAsync<DealPage>($"/api/deals?search=Short%20lived", Json))!;
        Assert.DoesNotContain(list.Items, d => d.Id == deal.Id);
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"title":"","amount":1,"currency":"USD"}""", "title_required", "title" },
        { "{\"title\":\"" + new string('x', 256) + "\",\"amount\":1,\"currency\":\"USD\"}", "title_too_long", "title" },
        { """{"title":"Neg","amount":-1,"currency":"USD"}""", "negative_amount", "amount" },
        { """{"title":"NaN","amount":"lots","currency":"USD"}""", "invalid_json", "amount" },
        { """{"title":"Cur","amount":1,"currency":"ABC"}""", "unknown_currency", "currency" },
        { """{"title":"Who","amount":1,"currency":"USD","responsibleId":987654}""", "unknown_responsible", "responsibleId" },
        { """{"title":"Dates","amount":1,"currency":"USD","beginDate":"2026-02-02","closeDate":"2026-01-01"}""", "close_before_begin", "closeDate" },
        { """{"title":"Broken", """, "invalid_json", "" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_on_create_gets_a_clear_error_and_creates_nothing(string body, string code, string field)
    {
        var before = await DealRowCount();
        var response = await Http.PostAsync("/api/deals", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ProblemOf(response, HttpStatusCode.BadRequest, code);
        if (field.Length > 0)
            Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await DealRowCount());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_on_edit_gets_a_clear_error_and_changes_nothing(string body, string code, string field)
    {
        _ = field;
        var deal = await Create("Edit target");
        await Problem(await Http.PutAsync($"/api/deals/{deal.Id}", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, code);
        Assert.Equal(deal, await Get(deal.Id));
    }

    [Fact]
    public async Task An_edit_from_a_client_that_missed_an_update_is_a_conflict_not_an_overwrite()
    {
        var deal = await Create("Two editors", 10);
        var first = await Http.PutAsJsonAsync($"/api/deals/{deal.Id}", new { title = "First editor", amount = 20, currency = "USD", version = deal.Version });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var current = await Get(deal.Id);

        await Problem(await Http.PutAsJsonAsync($"/api/deals/{deal.Id}", new { title = "Second editor", amount = 30, currency = "USD", version = deal.Version }),
            HttpStatusCode.Conflict, "version_conflict");
        await Problem(await Http.PostAsJsonAsync($"/api/deals/{deal.Id}/move", new { stageId = deal.StageId, version = deal.Version }),
            HttpStatusCode.Conflict, "version_conflict");
        Assert.Equal(current, await Get(deal.Id));
    }

    [Fact]
    public async Task Deleting_the_last_won_or_lost_stage_is_refused_through_the_api()
    {
        var created = (await (await Http.PostAsJsonAsync("/api/pipelines", new { name = "Finals" })).Content.ReadFromJsonAsync<Pipeline>(Json))!;
        var won = created.Stages.Single(s => s.Semantic == StageSemantic.Won);
        await Problem(await Http.DeleteAsync($"/api/pipelines/{created.Id}/stages/{Uri.EscapeDataString(won.Id)}"), HttpStatusCode.BadRequest, "last_won_stage");
        var lost = created.Stages.Where(s => s.Semantic == StageSemantic.Lost).ToList();
        Assert.Equal(HttpStatusCode.OK, (await Http.DeleteAsync($"/api/pipelines/{created.Id}/stages/{Uri.EscapeDataString(lost[0].Id)}")).StatusCode);
        await Problem(await Http.DeleteAsync($"/api/pipelines/{created.Id}/stages/{Uri.EscapeDataString(lost[1].Id)}"), HttpStatusCode.BadRequest, "last_lost_stage");
        Assert.Equal(created.Stages.Count - 1, (await Pipeline(created.Id)).Stages.Count);
    }

    [Fact]
    public async Task Stages_are_added_renamed_recoloured_reordered_and_deleted_with_their_deals_moved()
    {
        var created = (await (await Http.PostAsJsonAsync("/api/pipelines", new { name = "Editable" })).Content.ReadFromJsonAsync<Pipeline>(Json))!;
        var added = (await (await Http.PostAsJsonAsync($"/api/pipelines/{created.Id}/stages", new { name = "Demo call", color = "#112233", semantic = "inProgress" }))
            .Content.ReadFromJsonAsync<Pipeline>(Json))!;
        var stage = added.Stages.Single(s => s.Name == "Demo call");
        Assert.Equal(added.Stages.ToList().FindLastIndex(s => !s.IsFinal), added.Stages.ToList().IndexOf(stage));

        var renamed = (await (await Http.PutAsJsonAsync($"/api/pipelines/{created.Id}/stages/{Uri.EscapeDataString(stage.Id)}", new { name = "Demo", color = "#445566" }))
            .Content.ReadFromJsonAsync<Pipeline>(Json))!;
        Assert.Equal(("Demo", "#445566"), (renamed.FindStage(stage.Id)!.Name, renamed.FindStage(stage.Id)!.Color));

        var order = renamed.Stages.Select(s => s.Id).ToList();
        order.Remove(stage.Id);
        order.Insert(0, stage.Id);
        var reordered = (await (await Http.PutAsJsonAsync($"/api/pipelines/{created.Id}/stage-order", new { stageIds = order })).Content.ReadFromJsonAsync<Pipeline>(Json))!;
        Assert.Equal(stage.Id, reordered.FirstStage.Id);

        var response = await Http.PostAsJsonAsync("/api/deals", new { title = "In Demo", amount = 5, currency = "USD", pipelineId = created.Id, stageId = stage.Id });
        var deal = (await response.Content.ReadFromJsonAsync<Deal>(Json))!;
        await Problem(await Http.DeleteAsync($"/api/pipelines/{created.Id}/stages/{Uri.EscapeDataString(stage.Id)}"), HttpStatusCode.BadRequest, "stage_has_deals");
        var target = reordered.Stages[1].Id;
        var after = (await (await Http.DeleteAsync($"/api/pipelines/{created.Id}/stages/{Uri.EscapeDataString(stage.Id)}?moveDealsTo={Uri.EscapeDataString(target)}"))
            .Content.ReadFromJsonAsync<Pipeline>(Json))!;
        Assert.Null(after.FindStage(stage.Id));
        Assert.Equal(target, (await Get(deal.Id)).StageId);
    }

    [Fact]
    public async Task The_list_pages_sorts_and_searches_titles_from_the_read_model()
    {
        var created = (await (await Http.PostAsJsonAsync("/api/pipelines", new { name = "Listing" })).Content.ReadFromJsonAsync<Pipeline>(Json))!;
        foreach (var (title, amount) in new[] { ("Alpha rocket", 300m), ("Beta rocket", 100m), ("Gamma boat", 200m) })
            await Http.PostAsJsonAsync("/api/deals", new { title, amount, currency = "USD", pipelineId = created.Id });

        var byAmount = (await Http.GetFromJsonAsync<DealPage>($"/api/deals?pipelineId={created.Id}&sort=amount&desc=true", Json))!;
        Assert.Equal(["Alpha rocket", "Gamma boat", "Beta rocket"], byAmount.Items.Select(d => d.Title));
        var page2 = (await Http.GetFromJsonAsync<DealPage>($"/api/deals?pipelineId={created.Id}&sort=title&page=2&pageSize=2", Json))!;
        Assert.Equal(3, page2.Total);
        Assert.Equal(["Gamma boat"], page2.Items.Select(d => d.Title));
        var search = (await Http.GetFromJsonAsync<DealPage>($"/api/deals?pipelineId={created.Id}&search=rock", Json))!;
        Assert.Equal(["Alpha rocket", "Beta rocket"], search.Items.Select(d => d.Title).Order());
        var nothing = (await Http.GetFromJsonAsync<DealPage>($"/api/deals?pipelineId={created.Id}&search=%27%3A*%26%7C", Json))!;
        Assert.Equal(3, nothing.Total); // punctuation is not query syntax: it is ignored, not an error
    }

    [Fact]
    public async Task Requests_without_sign_in_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/deals")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = fixture.Portal.AdminEmail, password = "wrong" })).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await anonymous.GetStringAsync("/health/ready"));
    }
}
