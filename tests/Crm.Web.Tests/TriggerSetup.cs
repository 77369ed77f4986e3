using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;

namespace Crm.Web.Tests;

/// <summary>
/// A fresh portal for one trigger test (triggers are per board, so tests must not share one), its
/// admin signed in, and an API token client as a gateway would use it.
/// </summary>
public sealed class TriggerSetup
{
    public required TestPortal Portal { get; init; }
    public required HttpClient Admin { get; init; }
    public required HttpClient Gateway { get; init; }
    public required IReadOnlyList<string> Stages { get; init; }

    public static async Task<TriggerSetup> Start(WebFixture fixture, string name = "Trigger portal")
    {
        var portal = await fixture.Host.CreatePortal(name);
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var pipeline = await admin.GetFromJsonAsync<JsonElement>($"/api/pipelines/{portal.PipelineId}");
        return new TriggerSetup
        {
            Portal = portal, Admin = admin, Gateway = await TokenClient(fixture, admin, "Gateway"),
            Stages = pipeline.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList(),
        };
    }

    /// <summary>A client calling with a new API token of the signed-in user behind <paramref name="http"/>.</summary>
    public static async Task<HttpClient> TokenClient(WebFixture fixture, HttpClient http, string name)
    {
        var created = await http.PostAsJsonAsync("/api/tokens", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task SetDealTriggers(string stageId, params object[] triggers) =>
        await Ok(await Admin.PutAsJsonAsync($"/api/pipelines/{Portal.PipelineId}/stages/{stageId}/triggers", new { triggers }));

    public async Task SetLeadTriggers(string statusId, params object[] triggers) =>
        await Ok(await Admin.PutAsJsonAsync($"/api/lead-statuses/{statusId}/triggers", new { triggers }));

    public async Task<long> Lead(object body) => (await Ok(await Admin.PostAsJsonAsync("/api/leads", body))).GetProperty("id").GetInt64();

    public async Task<long> Deal(object body) => (await Ok(await Admin.PostAsJsonAsync("/api/deals", body))).GetProperty("id").GetInt64();

    public async Task<long> Post(string path, object body) => (await Ok(await Admin.PostAsJsonAsync(path, body))).GetProperty("id").GetInt64();

    public async Task<string> LeadStatus(long id) => (await Admin.GetFromJsonAsync<JsonElement>($"/api/leads/{id}")).GetProperty("statusId").GetString()!;

    public async Task<string> DealStage(long id) => (await Admin.GetFromJsonAsync<JsonElement>($"/api/deals/{id}")).GetProperty("stageId").GetString()!;

    public async Task<IReadOnlyList<(string Action, int ActorId)>> History(string kind, long id) =>
        (await Admin.GetFromJsonAsync<List<JsonElement>>($"/api/{kind}s/{id}/history"))!
            .Select(e => (e.GetProperty("action").GetString()!, e.GetProperty("actorId").GetInt32())).ToList();

    /// <summary>An event's answer: the records that moved and those that did not, each as (kind, id, from, to, trigger name, reason).</summary>
    public static async Task<(List<Outcome> Moved, List<Outcome> NotMoved)> Answer(HttpResponseMessage response)
    {
        var body = await Ok(response);
        static List<Outcome> Of(JsonElement list) => list.EnumerateArray().Select(o => new Outcome(
            o.GetProperty("recordKind").GetString()!, o.GetProperty("recordId").GetInt64(), o.GetProperty("fromStageId").GetString()!,
            o.TryGetProperty("toStageId", out var to) ? to.GetString() : null,
            o.TryGetProperty("triggerName", out var name) ? name.GetString() : null,
            o.TryGetProperty("reason", out var reason) ? reason.GetString() : null)).ToList();
        return (Of(body.GetProperty("moved")), Of(body.GetProperty("notMoved")));
    }

    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public sealed record Outcome(string Kind, long Id, string From, string? To, string? Trigger, string? Reason);
