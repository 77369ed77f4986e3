using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Crm.TestSupport;
using Crm.Web.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Web.Tests;

/// <summary>
/// Nothing crosses portals: the admin of portal A (who may do everything in A) calls every endpoint
/// that takes an id, and every hub method, with the ids of portal B's records, pipelines, users,
/// roles, departments, custom fields, tokens and import jobs. Each answer is the one an id that exists
/// nowhere gets, names nothing of B's, and B is unchanged afterwards. Portal A holds no records, so
/// B's per-portal ids name nothing in A. The tables below are checked against the host's endpoints and
/// the hub's methods: a new endpoint with a route parameter fails <see cref="Every_endpoint_with_a_route_parameter_and_every_hub_method_is_in_the_table"/>
/// until it has a row.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class CrossPortalTests(WebFixture fixture)
{
    /// <summary>What a call names: all of B's ids, or ids that exist in no portal.</summary>
    private sealed record Ids(long Lead, long Deal, long Contact, long Contact2, long Company, long Activity, long Comment, long Pipeline, string Stage,
        int User, int Role, int Department, string Field, long Token, Guid ImportJob, string Preset, long Outbox, long Post, long PostComment, long File,
        long Conversation);

    private static readonly Ids Missing = new(900_001, 900_002, 900_003, 900_004, 900_005, 900_006, 900_007, 900_008, "NEW", 900_009, 900_010, 900_011,
        "UF_CRM_900012", 900_013, Guid.NewGuid(), "No such preset", 900_014, 900_015, 900_016, 900_017, 900_018);

    /// <summary>One call: its route (as the host maps it, for the coverage check), the path and body it sends with the ids.</summary>
    private sealed record Call(string Method, string Route, Func<Ids, string> Path, Func<Ids, object?>? Body = null, bool CompareBody = true);

    private static readonly object Hijack = new { title = "Hijacked", firstName = "Hijacked", name = "Hijacked", currency = "USD", comments = "Hijacked" };

    private static readonly Dictionary<string, Call> Calls = new Call[]
    {
        new("GET", "/api/leads/{id:long}", i => $"/api/leads/{i.Lead}"),
        new("PUT", "/api/leads/{id:long}", i => $"/api/leads/{i.Lead}", _ => Hijack),
        new("DELETE", "/api/leads/{id:long}", i => $"/api/leads/{i.Lead}"),
        new("POST", "/api/leads/{id:long}/status", i => $"/api/leads/{i.Lead}/status", _ => new { statusId = "IN_PROCESS" }),
        new("POST", "/api/leads/{id:long}/convert", i => $"/api/leads/{i.Lead}/convert", _ => new { contact = true }),
        new("GET", "/api/leads/{id:long}/history", i => $"/api/leads/{i.Lead}/history"),

        new("GET", "/api/deals/{id:long}", i => $"/api/deals/{i.Deal}"),
        new("PUT", "/api/deals/{id:long}", i => $"/api/deals/{i.Deal}", _ => Hijack),
        new("DELETE", "/api/deals/{id:long}", i => $"/api/deals/{i.Deal}"),
        new("POST", "/api/deals/{id:long}/move", i => $"/api/deals/{i.Deal}/move", i => new { stageId = i.Stage }),
        new("POST", "/api/deals/{id:long}/close", i => $"/api/deals/{i.Deal}/close", _ => new { outcome = "won" }),
        new("POST", "/api/deals/{id:long}/reopen", i => $"/api/deals/{i.Deal}/reopen", _ => new { }),
        new("GET", "/api/deals/{id:long}/history", i => $"/api/deals/{i.Deal}/history"),

        new("GET", "/api/contacts/{id:long}", i => $"/api/contacts/{i.Contact}"),
        new("PUT", "/api/contacts/{id:long}", i => $"/api/contacts/{i.Contact}", _ => Hijack),
        new("DELETE", "/api/contacts/{id:long}", i => $"/api/contacts/{i.Contact}"),
        new("PUT", "/api/contacts/{id:long}/companies", i => $"/api/contacts/{i.Contact}/companies", i => new { companyIds = new[] { i.Company } }),
        new("GET", "/api/contacts/{id:long}/history", i => $"/api/contacts/{i.Contact}/history"),
        new("GET", "/api/contacts/{id:long}/deals", i => $"/api/contacts/{i.Contact}/deals"),

        new("GET", "/api/companies/{id:long}", i => $"/api/companies/{i.Company}"),
        new("PUT", "/api/companies/{id:long}", i => $"/api/companies/{i.Company}", _ => Hijack),
        new("DELETE", "/api/companies/{id:long}", i => $"/api/companies/{i.Company}"),
        new("GET", "/api/companies/{id:long}/history", i => $"/api/companies/{i.Company}/history"),
        new("GET", "/api/companies/{id:long}/contacts", i => $"/api/companies/{i.Company}/contacts"),
        new("GET", "/api/companies/{id:long}/deals", i => $"/api/companies/{i.Company}/deals"),

        new("GET", "/api/activities/{id:long}", i => $"/api/activities/{i.Activity}"),
        new("PUT", "/api/activities/{id:long}", i => $"/api/activities/{i.Activity}", _ => new { type = "call", subject = "Hijacked" }),
        new("DELETE", "/api/activities/{id:long}", i => $"/api/activities/{i.Activity}"),
        new("POST", "/api/activities/{id:long}/done", i => $"/api/activities/{i.Activity}/done", _ => new { done = true }),

        new("PUT", "/api/comments/{id:long}", i => $"/api/comments/{i.Comment}", _ => new { text = "Hijacked" }),
        new("DELETE", "/api/comments/{id:long}", i => $"/api/comments/{i.Comment}"),

        new("GET", "/api/pipelines/{id:long}", i => $"/api/pipelines/{i.Pipeline}"),
        new("PUT", "/api/pipelines/{id:long}", i => $"/api/pipelines/{i.Pipeline}", _ => Hijack),
        new("POST", "/api/pipelines/{id:long}/stages", i => $"/api/pipelines/{i.Pipeline}/stages", _ => new { name = "Hijacked", color = "#123456", semantic = "inProgress" }),
        new("PUT", "/api/pipelines/{id:long}/stages/{stageId}", i => $"/api/pipelines/{i.Pipeline}/stages/{i.Stage}", _ => new { name = "Hijacked", color = "#123456" }),
        new("PUT", "/api/pipelines/{id:long}/stage-order", i => $"/api/pipelines/{i.Pipeline}/stage-order", i => new { stageIds = new[] { i.Stage } }),
        new("DELETE", "/api/pipelines/{id:long}/stages/{stageId}", i => $"/api/pipelines/{i.Pipeline}/stages/{i.Stage}"),
        new("GET", "/api/pipelines/{id:long}/board", i => $"/api/pipelines/{i.Pipeline}/board"),
        new("GET", "/api/pipelines/{id:long}/stages/{stageId}/deals", i => $"/api/pipelines/{i.Pipeline}/stages/{i.Stage}/deals"),
        new("GET", "/api/pipelines/{pipelineId:long}/robots", i => $"/api/pipelines/{i.Pipeline}/robots"),
        new("PUT", "/api/pipelines/{pipelineId:long}/stages/{stageId}/robots", i => $"/api/pipelines/{i.Pipeline}/stages/{i.Stage}/robots",
            _ => new { robots = new[] { new { id = "hijack", name = "Hijacked", action = "addComment", settings = new { text = "Hijacked" } } } }),

        new("PUT", "/api/access/departments/{id:int}", i => $"/api/access/departments/{i.Department}", _ => Hijack),
        new("DELETE", "/api/access/departments/{id:int}", i => $"/api/access/departments/{i.Department}"),
        new("PUT", "/api/access/roles/{id:int}", i => $"/api/access/roles/{i.Role}", _ => new { name = "Hijacked", permissions = Array.Empty<object>() }),
        new("DELETE", "/api/access/roles/{id:int}", i => $"/api/access/roles/{i.Role}"),
        new("PUT", "/api/access/roles/{id:int}/assignees", i => $"/api/access/roles/{i.Role}/assignees", _ => new[] { new { kind = "everyone" } }),
        new("PUT", "/api/access/admins/{userId:int}", i => $"/api/access/admins/{i.User}", _ => new { isAdmin = true }),
        new("DELETE", "/api/tokens/{id:long}", i => $"/api/tokens/{i.Token}"),
        new("PUT", "/api/users/{id:int}/active", i => $"/api/users/{i.User}/active", _ => new { isActive = false }),
        new("POST", "/api/users/{id:int}/reassign", i => $"/api/users/{i.User}/reassign", i => new { toUserId = i.User }),
        new("GET", "/api/users/{id:int}/tokens", i => $"/api/users/{i.User}/tokens"),
        new("DELETE", "/api/users/{id:int}/tokens/{tokenId:long}", i => $"/api/users/{i.User}/tokens/{i.Token}"),
        new("PUT", "/api/custom-fields/{code}", i => $"/api/custom-fields/{i.Field}", _ => new { label = "Hijacked" }),
        new("DELETE", "/api/custom-fields/{code}", i => $"/api/custom-fields/{i.Field}"),
        new("GET", "/api/import/jobs/{id:guid}", i => $"/api/import/jobs/{i.ImportJob}"),
        new("DELETE", "/api/import/jobs/{id:guid}", i => $"/api/import/jobs/{i.ImportJob}"),
        new("DELETE", "/api/list-presets/{kind}/{name}", i => $"/api/list-presets/leads/{Uri.EscapeDataString(i.Preset)}"),
        new("POST", "/api/outbox/{id:long}/retry", i => $"/api/outbox/{i.Outbox}/retry"),
        new("GET", "/api/pipelines/{pipelineId:long}/triggers", i => $"/api/pipelines/{i.Pipeline}/triggers"),
        new("PUT", "/api/pipelines/{pipelineId:long}/stages/{stageId}/triggers", i => $"/api/pipelines/{i.Pipeline}/stages/{i.Stage}/triggers",
            _ => new { triggers = new[] { new { kind = "webhook", code = "hijack" } } }),

        new("GET", "/api/stream/{postId:long}", i => $"/api/stream/{i.Post}"),
        new("PUT", "/api/stream/{postId:long}", i => $"/api/stream/{i.Post}", _ => new { text = "Hijacked" }),
        new("DELETE", "/api/stream/{postId:long}", i => $"/api/stream/{i.Post}"),
        new("POST", "/api/stream/{postId:long}/pin", i => $"/api/stream/{i.Post}/pin", _ => new { pinned = true }),
        new("POST", "/api/stream/{postId:long}/comments", i => $"/api/stream/{i.Post}/comments", _ => new { text = "Hijacked" }),
        new("PUT", "/api/stream/{postId:long}/comments/{commentId:long}", i => $"/api/stream/{i.Post}/comments/{i.PostComment}", _ => new { text = "Hijacked" }),
        new("DELETE", "/api/stream/{postId:long}/comments/{commentId:long}", i => $"/api/stream/{i.Post}/comments/{i.PostComment}"),
        new("POST", "/api/stream/{postId:long}/reactions", i => $"/api/stream/{i.Post}/reactions", _ => new { reaction = "like" }),
        new("POST", "/api/stream/{postId:long}/votes", i => $"/api/stream/{i.Post}/votes", _ => new { options = new[] { 0 } }),
        new("POST", "/api/stream/{postId:long}/poll/close", i => $"/api/stream/{i.Post}/poll/close"),
        new("GET", "/api/stream/files/{fileId:long}", i => $"/api/stream/files/{i.File}"),
        new("GET", "/api/chat/conversations/{id:long}", i => $"/api/chat/conversations/{i.Conversation}"),
        new("POST", "/api/chat/conversations/{id:long}/messages", i => $"/api/chat/conversations/{i.Conversation}/messages", _ => new { text = "Hijacked" }),
        new("POST", "/api/chat/conversations/{id:long}/assign", i => $"/api/chat/conversations/{i.Conversation}/assign", i => new { operatorId = i.User }),
        new("POST", "/api/chat/conversations/{id:long}/read", i => $"/api/chat/conversations/{i.Conversation}/read", _ => new { messageId = 1 }),
        new("POST", "/api/chat/conversations/{id:long}/typing", i => $"/api/chat/conversations/{i.Conversation}/typing"),
        new("POST", "/api/chat/conversations/{id:long}/close", i => $"/api/chat/conversations/{i.Conversation}/close"),

        // Pages: the markup differs per render, so only the status is compared (and no name of B's may show).
        new("GET", "/pipelines/{PipelineId:long}", i => $"/pipelines/{i.Pipeline}", CompareBody: false),
        new("GET", "/deals/list/{PipelineId:long}", i => $"/deals/list/{i.Pipeline}", CompareBody: false),
        new("GET", "/deals/board/{PipelineId:long}", i => $"/deals/board/{i.Pipeline}", CompareBody: false),
        new("GET", "/deals/robots/{PipelineId:long}", i => $"/deals/robots/{i.Pipeline}", CompareBody: false),
        new("GET", "/deals/{DealId:long}", i => $"/deals/{i.Deal}", CompareBody: false),

        // Ids in bodies and queries.
        new("POST", "/api/deals (contacts, company)", _ => "/api/deals", i => new { title = "Mine", currency = "USD", contactIds = new[] { i.Contact }, companyId = i.Company }),
        new("POST", "/api/deals (pipeline)", _ => "/api/deals", i => new { title = "Mine", currency = "USD", pipelineId = i.Pipeline }),
        new("POST", "/api/leads (responsible)", _ => "/api/leads", i => new { title = "Mine", responsibleId = i.User }),
        new("POST", "/api/contacts (companies)", _ => "/api/contacts", i => new { firstName = "Mine", companyIds = new[] { i.Company } }),
        new("POST", "/api/activities (owner)", _ => "/api/activities", i => new { type = "call", subject = "Mine", owner = new { kind = "lead", id = i.Lead } }),
        new("POST", "/api/comments (owner)", _ => "/api/comments", i => new { owner = new { kind = "deal", id = i.Deal }, text = "Mine" }),
        new("POST", "/api/merge", _ => "/api/merge", i => new { keep = new { kind = "contact", id = i.Contact }, merge = new { kind = "contact", id = i.Contact2 } }),
        new("POST", "/api/leads/bulk", _ => "/api/leads/bulk", i => new { action = "delete", ids = new[] { i.Lead } }),
        new("POST", "/api/deals/bulk", _ => "/api/deals/bulk", i => new { action = "setStage", ids = new[] { i.Deal }, stageId = i.Stage }),
        new("POST", "/api/contacts/bulk", _ => "/api/contacts/bulk", i => new { action = "setResponsible", ids = new[] { i.Contact } }),
        new("POST", "/api/companies/bulk", _ => "/api/companies/bulk", i => new { action = "delete", ids = new[] { i.Company } }),
        new("GET", "/api/activities?owner", i => $"/api/activities?ownerKind=company&ownerId={i.Company}"),
        new("GET", "/api/contacts?companyId", i => $"/api/contacts?companyId={i.Company}"),
        new("GET", "/api/deals?pipelineId", i => $"/api/deals?pipelineId={i.Pipeline}"),
        new("POST", "/api/access/departments (members)", _ => "/api/access/departments", i => new { name = "Mine", headId = i.User, memberIds = new[] { i.User } }),
        new("POST", "/api/access/departments (parent)", _ => "/api/access/departments", i => new { name = "Mine", parentId = i.Department }),
        new("POST", "/api/triggers/webhook (deal)", _ => "/api/triggers/webhook", i => new { code = "paid", recordType = "deal", recordId = i.Deal }),
        new("POST", "/api/triggers/webhook (lead)", _ => "/api/triggers/webhook", i => new { code = "paid", recordType = "lead", recordId = i.Lead }),
        new("POST", "/api/tracked-links (deal)", _ => "/api/tracked-links", i => new { recordType = "deal", recordId = i.Deal, url = "https://hijack.example" }),
        new("POST", "/api/tracked-links (lead)", _ => "/api/tracked-links", i => new { recordType = "lead", recordId = i.Lead, url = "https://hijack.example" }),
        new("PUT", "/api/chat/channels/{channel}", _ => "/api/chat/channels/site", i => new { operatorIds = new[] { i.User } }),
        new("POST", "/api/stream (files)", _ => "/api/stream", i => new { text = "Mine", audience = new { everyone = true }, fileIds = new[] { i.File } }),
        new("POST", "/api/stream (audience)", _ => "/api/stream", i => new { text = "Mine", audience = new { everyone = false, userIds = new[] { i.User } } }),
        new("POST", "/api/stream (departments)", _ => "/api/stream", i => new { text = "Mine", audience = new { everyone = false, departmentIds = new[] { i.Department } } }),
        new("POST", "/api/stream (mention)", _ => "/api/stream", i => new { text = $"<a data-mention=\"user:{i.User}\">@you</a>", audience = new { everyone = true } }),
        new("PUT", "/api/access/roles/1/assignees (department, user)", _ => "/api/access/roles/1/assignees",
            i => new object[] { new { kind = "everyone" }, new { kind = "department", subjectId = i.Department }, new { kind = "user", subjectId = i.User } }),
    }.ToDictionary(c => $"{c.Method} {c.Route}");

    /// <summary>Route parameters that name no record: a record type or a list (checked by the routes' own constraints).</summary>
    private static readonly HashSet<string> NoIds =
    [
        "GET /api/list-fields/{kind}", "GET /api/list-presets/{kind}", "PUT /api/list-presets/{kind}",
        "POST /api/{kind:regex(^(leads|deals|contacts|companies)$)}/bulk", "GET /api/{kind:regex(^(leads|deals|contacts|companies)$)}/export",
        "GET /api/import/{kind}/fields", "POST /api/import/{kind}/check", "POST /api/import/{kind}",
        // Selection lists have the same names in every portal; static files are no portal's.
        "GET /api/lists/{name}", "PUT /api/lists/{name}", "GET {**path:file}", "HEAD {**path:file}",
        // Lead statuses are a selection list too: a status id names the caller's own portal's status (its robots and triggers change there);
        // a tracked link's token is no id but a protected payload (see TrackedLinksTests).
        "PUT /api/lead-statuses/{statusId}/robots", "PUT /api/lead-statuses/{statusId}/triggers", "GET /l/{token}",
        // A form id is a name within the caller's own portal, as a list's is; the public form page and entries name their portal on purpose (see WebFormsTests).
        "PUT /api/forms/{formId}", "DELETE /api/forms/{formId}", "GET /forms/{portalId:int}/{formId}", "POST /api/public/forms/{portalId:int}/{formId}/entries",
        // The website chat names its portal on purpose: visitors are anonymous, and their session token is theirs alone (see ChatApiTests).
        "POST /api/public/chat/{portalId:int}/sessions", "GET /chat/{portalId:int}",
        // A messenger channel is a name within the caller's own portal.
        "PUT /api/chat/bridges/{channel}", "DELETE /api/chat/bridges/{channel}",
    ];

    /// <summary>Hub methods taking an id, and those taking none (their isolation is <see cref="A_watcher_in_one_portal_receives_none_of_another_portals_live_events"/>).</summary>
    private static readonly Dictionary<string, Func<Ids, object[]>> HubCalls = new()
    {
        ["SubscribeBoard"] = i => [i.Pipeline],
        ["UnsubscribeBoard"] = i => [i.Pipeline],
    };

    private static readonly HashSet<string> HubMethodsWithoutIds =
        ["SubscribeLeads", "UnsubscribeLeads", "SubscribeRecords", "UnsubscribeRecords", "SubscribeNotifications", "UnsubscribeNotifications", "SubscribeStream", "UnsubscribeStream", "SubscribeChat", "UnsubscribeChat"];

    public static TheoryData<string> CallNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in Calls.Keys) names.Add(name);
        return names;
    }

    public static TheoryData<string> HubCallNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in HubCalls.Keys) names.Add(name);
        return names;
    }

    [Theory]
    [MemberData(nameof(CallNames))]
    public async Task A_call_with_another_portals_ids_answers_as_for_ids_that_exist_nowhere_and_changes_and_shows_nothing_of_it(string name)
    {
        var w = await World.Of(fixture);
        var call = Calls[name];
        var before = await w.VictimState();

        var (status, body) = await Send(w.Attacker.Http, call, w.Victim);
        var (missingStatus, missingBody) = await Send(w.Attacker.Http, call, Missing);

        Assert.Equal(missingStatus, status);
        if (call.CompareBody) Assert.Equal(Shape(missingBody), Shape(body));
        w.AssertNothingOfTheVictimIn(body);
        Assert.Equal(before, await w.VictimState());
    }

    [Theory]
    [MemberData(nameof(HubCallNames))]
    public async Task A_hub_call_with_another_portals_ids_answers_as_for_ids_that_exist_nowhere(string method)
    {
        var w = await World.Of(fixture);
        await using var hub = w.Attacker.BoardHub();
        var events = Channel.CreateUnbounded<string>();
        foreach (var message in new[] { "dealChanged", "columnTotals", "pipelineChanged" }) hub.On<JsonElement>(message, e => events.Writer.TryWrite(e.GetRawText()));
        await hub.StartAsync();

        async Task<string> Outcome(Ids ids)
        {
            try
            {
                await hub.InvokeCoreAsync(method, HubCalls[method](ids));
                return "ok";
            }
            catch (HubException e)
            {
                return Digits().Replace(e.Message, "#");
            }
        }

        Assert.Equal(await Outcome(Missing), await Outcome(w.Victim));
        // Had the subscription been taken, a change of B's board would reach this connection along with B's own watcher.
        var (victimHub, victimEvents, _) = await BoardHubWatch.Start(w.VictimAdmin, w.Victim.Pipeline);
        await using var __ = victimHub;
        var created = await w.VictimAdmin.Http.PostAsJsonAsync("/api/deals", new { title = "Zebra live deal", currency = "USD", pipelineId = w.Victim.Pipeline });
        created.EnsureSuccessStatusCode();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15))) await victimEvents.Reader.ReadAsync(timeout.Token);
        await hub.InvokeAsync("UnsubscribeBoard", w.Victim.Pipeline);
        Assert.False(events.Reader.TryRead(out var leaked), $"B's board reached A's connection: {leaked}");
    }

    [Fact]
    public async Task A_watcher_in_one_portal_receives_none_of_another_portals_live_events()
    {
        // Fresh portals: both default pipelines have the same id, which is the point.
        var a = await fixture.Host.CreatePortal("Live portal A");
        var b = await fixture.Host.CreatePortal("Live portal B");
        Assert.Equal(a.PipelineId, b.PipelineId);
        var aAdmin = await fixture.Host.SignIn(a.AdminEmail);
        var bAdmin = await fixture.Host.SignIn(b.AdminEmail);
        var (aHub, aEvents) = await WatchAll(aAdmin, a.PipelineId);
        var (bHub, bEvents) = await WatchAll(bAdmin, b.PipelineId);
        await using var _ = aHub;
        await using var __ = bHub;

        foreach (var (path, body) in Creations("Zebra"))
            (await bAdmin.Http.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();
        await Until(bEvents, e => e.Contains("Zebra company") || e.Contains("\"kind\":\"companies\""), 4);
        // A's own changes come after B's through the same dispatch: once A has them, B's would have come first.
        foreach (var (path, body) in Creations("Antelope"))
            (await aAdmin.Http.PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();
        var aSaw = await Until(aEvents, _ => true, 4);
        Assert.All(aSaw, e => Assert.DoesNotContain("Zebra", e));
        Assert.All(aSaw, e => Assert.DoesNotContain($"\"portalId\":{b.PortalId},", e));
    }

    private static IEnumerable<(string Path, object Body)> Creations(string tag) =>
    [
        ("/api/leads", new { title = $"{tag} lead" }),
        ("/api/deals", new { title = $"{tag} deal", currency = "USD" }),
        ("/api/contacts", new { firstName = $"{tag} contact" }),
        ("/api/companies", new { title = $"{tag} company" }),
    ];

    private static async Task<(HubConnection, Channel<string>)> WatchAll(SignedInClient client, long pipelineId)
    {
        var hub = client.BoardHub();
        var events = Channel.CreateUnbounded<string>();
        foreach (var message in new[] { "leadChanged", "dealChanged", "recordChanged" }) hub.On<JsonElement>(message, e => events.Writer.TryWrite(e.GetRawText()));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeLeads");
        await hub.InvokeAsync("SubscribeBoard", pipelineId);
        await hub.InvokeAsync("SubscribeRecords", "contacts");
        await hub.InvokeAsync("SubscribeRecords", "companies");
        return (hub, events);
    }

    /// <summary>Reads events until <paramref name="count"/> have arrived (the last matching <paramref name="last"/>).</summary>
    private static async Task<List<string>> Until(Channel<string> events, Func<string, bool> last, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var seen = new List<string>();
        while (seen.Count < count || !last(seen[^1])) seen.Add(await events.Reader.ReadAsync(timeout.Token));
        return seen;
    }

    [Fact]
    public void Every_endpoint_with_a_route_parameter_and_every_hub_method_is_in_the_table()
    {
        var routes = fixture.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Count > 0)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(r => !r.StartsWith("POST /pipelines/", StringComparison.Ordinal) && !r.StartsWith("POST /deals/", StringComparison.Ordinal)) // the pages' form posts: same component
            .Distinct().ToList();
        Assert.NotEmpty(routes);
        var uncovered = routes.Where(r => !Calls.ContainsKey(r) && !NoIds.Contains(r)).Order().ToList();
        Assert.True(uncovered.Count == 0, "Endpoints with a route parameter missing from the cross-portal table: " + string.Join(", ", uncovered));

        var hubMethods = typeof(BoardHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(BoardHub.OnConnectedAsync) or nameof(BoardHub.OnDisconnectedAsync))).Select(m => m.Name).ToList();
        Assert.Equal(hubMethods.Order(), HubCalls.Keys.Concat(HubMethodsWithoutIds).Order());
    }

    private static async Task<(HttpStatusCode Status, string Body)> Send(HttpClient http, Call call, Ids ids)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path(ids));
        if (call.Body?.Invoke(ids) is { } body) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>An answer without what differs between any two calls: numbers and guids (ids) and trace ids.</summary>
    private static string Shape(string body)
    {
        if (body.Length == 0) return "";
        try
        {
            var node = JsonNode.Parse(body);
            if (node is JsonObject o) o.Remove("traceId");
            return Digits().Replace(Guids().Replace(node?.ToJsonString() ?? "", "#"), "#");
        }
        catch (JsonException)
        {
            return Digits().Replace(Guids().Replace(body, "#"), "#");
        }
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guids();

    /// <summary>Portal B with one of everything (names contain "Zebra"), and portal A with no records at all.</summary>
    private sealed class World
    {
        private static readonly MadeOnce<World> Once = new(Make);

        public required SignedInClient Attacker { get; init; }
        public required SignedInClient VictimAdmin { get; init; }
        public required TestPortal VictimPortal { get; init; }
        public required Ids Victim { get; init; }

        public static Task<World> Of(WebFixture fixture) => Once.Of(fixture);

        private static async Task<World> Make(WebFixture fixture)
        {
            var a = await fixture.Host.CreatePortal("Portal A");
            var b = await fixture.Host.CreatePortal("Zebra portal B");
            var admin = await fixture.Host.SignIn(b.AdminEmail);
            var http = admin.Http;
            async Task<JsonElement> Post(string path, object body)
            {
                var response = await http.PostAsJsonAsync(path, body);
                Assert.True(response.IsSuccessStatusCode, $"{path}: {await response.Content.ReadAsStringAsync()}");
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }

            var pipeline = await Post("/api/pipelines", new { name = "Zebra pipeline" });
            var stage = pipeline.GetProperty("stages")[0].GetProperty("id").GetString()!;
            var lead = await Post("/api/leads", new { title = "Zebra lead", responsibleId = b.SecondId });
            var company = await Post("/api/companies", new { title = "Zebra company" });
            var contact = await Post("/api/contacts", new { firstName = "Zebra contact", companyIds = new[] { company.GetProperty("id").GetInt64() } });
            var contact2 = await Post("/api/contacts", new { firstName = "Zebra contact", lastName = "Twin" });
            var deal = await Post("/api/deals", new
            {
                title = "Zebra deal", amount = 777_777, currency = "USD", pipelineId = pipeline.GetProperty("id").GetInt64(),
                companyId = company.GetProperty("id").GetInt64(), contactIds = new[] { contact.GetProperty("id").GetInt64() },
            });
            var activity = await Post("/api/activities", new { type = "call", subject = "Zebra call", owner = new { kind = "company", id = company.GetProperty("id").GetInt64() } });
            var comment = await Post("/api/comments", new { owner = new { kind = "lead", id = lead.GetProperty("id").GetInt64() }, text = "Zebra comment" });
            var field = await Post("/api/custom-fields", new { recordKind = "lead", label = "Zebra field", type = "string" });
            var department = await Post("/api/access/departments", new { name = "Zebra department", memberIds = new[] { b.SecondId } });
            var role = await Post("/api/access/roles", new { name = "Zebra role", permissions = Array.Empty<object>() });
            var token = await Post("/api/tokens", new { name = "Zebra token" });
            (await http.PutAsJsonAsync("/api/list-presets/leads", new { name = "Zebra preset", conditions = Array.Empty<object>() })).EnsureSuccessStatusCode();
            var job = await ImportRequests.RunImport(admin, "leads", "Title\nZebra imported lead\n");
            var outbox = await FailedOutboxMessage(fixture, b.PortalId);
            using var upload = new MultipartFormDataContent { { new ByteArrayContent("Zebra notes"u8.ToArray()), "file", "zebra.txt" } };
            var fileResponse = await http.PostAsync("/api/stream/files", upload);
            Assert.True(fileResponse.IsSuccessStatusCode, await fileResponse.Content.ReadAsStringAsync());
            var file = await fileResponse.Content.ReadFromJsonAsync<JsonElement>();
            var post = await Post("/api/stream", new
            {
                text = "Zebra post", audience = new { everyone = true }, fileIds = new[] { file.GetProperty("id").GetInt64() },
                poll = new { question = "Zebra poll?", options = new[] { "Zebra yes", "Zebra no" } },
            });
            var postComment = (await Post($"/api/stream/{post.GetProperty("id").GetInt64()}/comments", new { text = "Zebra remark" })).GetProperty("comments")[0];
            using var visitor = await Chat.ChatKit.Visitor(fixture.Host.BaseAddress, b.PortalId);
            var conversation = await Chat.ChatKit.Say(visitor, "Zebra visitor asks", name: "Zebra visitor");
            var robot = new { id = "zebra", name = "Zebra robot", action = "addComment", settings = new { text = "Zebra says hello" } };
            (await http.PutAsJsonAsync($"/api/pipelines/{pipeline.GetProperty("id").GetInt64()}/stages/{stage}/robots", new { robots = new[] { robot } })).EnsureSuccessStatusCode();
            (await http.PutAsJsonAsync("/api/lead-statuses/NEW/robots", new { robots = new[] { robot } })).EnsureSuccessStatusCode();

            return new World
            {
                Attacker = await fixture.Host.SignIn(a.AdminEmail), VictimAdmin = admin, VictimPortal = b,
                Victim = new Ids(lead.GetProperty("id").GetInt64(), deal.GetProperty("id").GetInt64(), contact.GetProperty("id").GetInt64(),
                    contact2.GetProperty("id").GetInt64(), company.GetProperty("id").GetInt64(), activity.GetProperty("id").GetInt64(),
                    comment.GetProperty("id").GetInt64(), pipeline.GetProperty("id").GetInt64(), stage, b.SecondId, role.GetProperty("id").GetInt32(),
                    department.GetProperty("id").GetInt32(), field.GetProperty("code").GetString()!, token.GetProperty("id").GetInt64(), job.Progress.Id, "Zebra preset", outbox,
                    post.GetProperty("id").GetInt64(), postComment.GetProperty("id").GetInt64(), file.GetProperty("id").GetInt64(),
                    conversation.GetProperty("id").GetInt64()),
            };
        }

        /// <summary>A failed e-mail of B's (the sender leaves failed ones alone, so only a retry would change it).</summary>
        private static async Task<long> FailedOutboxMessage(WebFixture fixture, int portalId)
        {
            await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
            await using var insert = db.CreateCommand("""
                INSERT INTO outbox (portal_id, kind, dedupe_key, recipient, subject, body, status, attempts, last_error)
                VALUES ($1, 'email', 'zebra:1', 'zebra@client.test', 'Zebra offer', 'Zebra body', 'failed', 8, 'Zebra error') RETURNING id
                """);
            insert.Parameters.Add(new() { Value = portalId });
            return (long)(await insert.ExecuteScalarAsync())!;
        }

        /// <summary>Everything of B's the calls aim at, as B's admin reads it.</summary>
        public async Task<string> VictimState()
        {
            var i = Victim;
            var paths = new[]
            {
                $"/api/leads/{i.Lead}", $"/api/leads/{i.Lead}/history", $"/api/deals/{i.Deal}", $"/api/contacts/{i.Contact}", $"/api/contacts/{i.Contact2}",
                $"/api/companies/{i.Company}", $"/api/activities/{i.Activity}", "/api/pipelines", $"/api/pipelines/{i.Pipeline}/board", "/api/access",
                "/api/custom-fields", "/api/tokens", $"/api/import/jobs/{i.ImportJob}", "/api/list-presets/leads", "/api/leads", "/api/deals",
                "/api/outbox", $"/api/pipelines/{i.Pipeline}/robots", "/api/leads/robots", "/api/stream", $"/api/stream/files/{i.File}",
                $"/api/chat/conversations/{i.Conversation}", "/api/chat/conversations",
            };
            var parts = await Task.WhenAll(paths.Select(async p => p + " " + await VictimAdmin.Http.GetStringAsync(p)));
            return string.Join("\n", parts);
        }

        public void AssertNothingOfTheVictimIn(string body)
        {
            foreach (var secret in new[] { "Zebra", "777777", VictimPortal.AdminEmail, VictimPortal.SecondEmail })
                Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"The answer shows '{secret}' of portal B: {body}");
        }
    }
}
