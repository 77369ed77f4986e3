using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Lists;
using Crm.Grains.Interfaces.Pipelines;
using Crm.TestSupport;
using Crm.Web.Bulk;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Bulk operations through the real host: each row through its grain, failures listed, the rest done.</summary>
[Collection(WebCollection.Name)]
public sealed class BulkApiTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;
    private readonly string _tag = $"blk{Guid.NewGuid():N}"[..11];
    private SignedInClient _client = default!;

    public async Task InitializeAsync() => _client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Http => _client.Http;

    private async Task<Lead> Lead(string name)
    {
        var response = await Http.PostAsJsonAsync("/api/leads", new { title = $"{_tag} {name}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Lead>(Json))!;
    }

    private async Task<Lead> Get(long id) => (await Http.GetFromJsonAsync<Lead>($"/api/leads/{id}", Json))!;

    private async Task<BulkResult> Bulk(string kind, object body)
    {
        var response = await Http.PostAsJsonAsync($"/api/{kind}/bulk", body, Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BulkResult>(Json))!;
    }

    [Fact]
    public async Task A_status_change_where_some_rows_fail_changes_the_others_and_lists_each_failure()
    {
        var (a, b, converted) = (await Lead("a"), await Lead("b"), await Lead("converted"));
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsJsonAsync($"/api/leads/{converted.Id}/convert", new { contact = true, contactFirstName = "Con" })).StatusCode);

        var result = await Bulk("leads", new { action = "setStatus", statusId = "IN_PROCESS", ids = new[] { a.Id, b.Id, converted.Id, 987_654_321L } });

        Assert.Equal((4, 2, 2), (result.Total, result.Succeeded, result.Failed));
        Assert.Equal([(a.Id, true), (b.Id, true), (converted.Id, false), (987_654_321L, false)], result.Rows.Select(r => (r.Id, r.Ok)));
        Assert.Equal("lead_not_found", result.Rows[3].Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Rows[2].Message));
        Assert.Equal(["IN_PROCESS", "IN_PROCESS", "CONVERTED"], [(await Get(a.Id)).StatusId, (await Get(b.Id)).StatusId, (await Get(converted.Id)).StatusId]);
    }

    [Fact]
    public async Task All_filtered_rows_get_a_new_responsible_recorded_in_each_timeline_and_can_be_deleted()
    {
        var leads = new[] { await Lead("one"), await Lead("two"), await Lead("three") };
        var filter = new[] { new FilterCondition("title", FilterOp.Contains, _tag) };

        var result = await Bulk("leads", new { action = "setResponsible", responsibleId = fixture.Portal.SecondId, filter });

        Assert.Equal((3, 3, 0), (result.Total, result.Succeeded, result.Failed));
        foreach (var lead in leads)
        {
            Assert.Equal(fixture.Portal.SecondId, (await Get(lead.Id)).Fields.ResponsibleId);
            var history = await Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/leads/{lead.Id}/history", Json);
            Assert.Contains(new FieldChange("responsibleId", fixture.Portal.AdminId.ToString(), fixture.Portal.SecondId.ToString()), history![0].Changes);
        }

        var deleted = await Bulk("leads", new { action = "delete", filter, search = "" });
        Assert.Equal((3, 3), (deleted.Total, deleted.Succeeded));
        Assert.All(leads, l => Assert.Equal(HttpStatusCode.NotFound, Http.GetAsync($"/api/leads/{l.Id}").Result.StatusCode));
    }

    [Fact]
    public async Task Deals_move_in_bulk_and_a_stage_of_no_pipeline_fails_every_row_without_changing_any()
    {
        var pipeline = (await Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{fixture.Portal.PipelineId}", Json))!;
        var deals = new List<Deal>();
        for (var i = 0; i < 2; i++)
        {
            var response = await Http.PostAsJsonAsync("/api/deals", new { title = $"{_tag} deal {i}", amount = 10, currency = "USD", pipelineId = pipeline.Id });
            deals.Add((await response.Content.ReadFromJsonAsync<Deal>(Json))!);
        }
        var ids = deals.Select(d => d.Id).ToArray();

        var bad = await Bulk("deals", new { action = "setStage", stageId = "NO_SUCH_STAGE", ids });
        Assert.Equal((2, 0, 2), (bad.Total, bad.Succeeded, bad.Failed));
        Assert.All(bad.Rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Code)));

        var moved = await Bulk("deals", new { action = "setStage", stageId = pipeline.Stages[1].Id, ids });
        Assert.Equal(2, moved.Succeeded);
        foreach (var id in ids)
            Assert.Equal(pipeline.Stages[1].Id, (await Http.GetFromJsonAsync<Deal>($"/api/deals/{id}", Json))!.StageId);
    }

    [Fact]
    public async Task Bad_bulk_requests_are_refused_before_any_row_changes()
    {
        var lead = await Lead("untouched");
        await ProblemOf(await Http.PostAsJsonAsync("/api/leads/bulk", new { action = "setStage", stageId = "X", ids = new[] { lead.Id } }), HttpStatusCode.BadRequest, "invalid_bulk_action");
        await ProblemOf(await Http.PostAsJsonAsync("/api/leads/bulk", new { action = "setResponsible", ids = new[] { lead.Id } }), HttpStatusCode.BadRequest, "responsible_required");
        await ProblemOf(await Http.PostAsJsonAsync("/api/contacts/bulk", new { action = "delete", filter = new[] { new { field = "nope", op = "eq", value = "1" } } }), HttpStatusCode.BadRequest, "unknown_filter_field");
        await ProblemOf(await Http.PostAsJsonAsync("/api/leads/bulk", new { action = "delete", ids = Enumerable.Range(1, 10_001).Select(i => (long)i) }), HttpStatusCode.BadRequest, "too_many_rows");
        Assert.Equal(1, (await Get(lead.Id)).Version);

        var result = await Bulk("leads", new { action = "setResponsible", responsibleId = 99_999, ids = new[] { lead.Id } });
        Assert.Equal("unknown_responsible", result.Rows.Single().Code);
        Assert.Equal(1, (await Get(lead.Id)).Version);
    }
}
