using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Live;
using Crm.TestSupport;
using Crm.Web.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crm.Web.Tests;

/// <summary>External clients get board events from the public hub, on the node they are connected to or any other.</summary>
[Collection(WebCollection.Name)]
public sealed class LiveBoardTests(WebFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;



    private static async Task<DealChanged> Next(Channel<DealChanged> events, long dealId, DealChangeKind kind)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var e = await events.Reader.ReadAsync(timeout.Token);
            if (e.Deal.Id == dealId && e.Kind == kind) return e;
        }
    }

    private static async Task<Deal> CreateAndMove(SignedInClient client, long pipelineId, string stageId)
    {
        var created = await client.Http.PostAsJsonAsync("/api/deals", new { title = "Watched deal", amount = 1234, currency = "USD", pipelineId });
        var deal = (await created.Content.ReadFromJsonAsync<Deal>(Json))!;
        var moved = await client.Http.PostAsJsonAsync($"/api/deals/{deal.Id}/move", new { stageId, version = deal.Version });
        return (await moved.Content.ReadFromJsonAsync<Deal>(Json))!;
    }

    [Fact]
    public async Task A_hub_client_receives_a_move_made_through_the_api_with_its_version_and_new_totals()
    {
        var client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
        var pipeline = await client.Http.GetFromJsonAsync<Crm.Grains.Interfaces.Pipelines.Pipeline>($"/api/pipelines/{fixture.Portal.PipelineId}", Json);
        var target = pipeline!.Stages[2].Id;
        var (hub, events, totals) = await BoardHubWatch.Start(client, fixture.Portal.PipelineId);
        await using var _ = hub;

        var moved = await CreateAndMove(client, fixture.Portal.PipelineId, target);

        var e = await Next(events, moved.Id, DealChangeKind.Moved);
        Assert.Equal(2, e.Version);
        Assert.Equal(moved, e.Deal);
        Assert.Equal(pipeline.FirstStage.Id, e.PreviousStageId);

        // Column totals follow, read from the read model after the move.
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var t = await totals.Reader.ReadAsync(timeout.Token);
            var column = t.GetProperty("columns").EnumerateArray().FirstOrDefault(c => c.GetProperty("stageId").GetString() == target);
            if (column.ValueKind == JsonValueKind.Object && column.GetProperty("count").GetInt32() >= 1 &&
                column.GetProperty("sums").EnumerateArray().Any(s => s.GetProperty("currency").GetString() == "USD" && s.GetProperty("amount").GetDecimal() >= 1234))
                break;
        }
    }

    [Fact]
    public async Task Subscribing_to_a_pipeline_that_does_not_exist_is_refused()
    {
        var client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
        await using var hub = client.BoardHub();
        await hub.StartAsync();
        var e = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubscribeBoard", 987_654L));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public async Task The_hub_refuses_connections_without_sign_in()
    {
        var anonymous = new SignedInClient(new HttpClient(), new System.Net.CookieContainer(), fixture.Host.BaseAddress);
        await using var hub = anonymous.BoardHub();
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, e.StatusCode);
    }

    [Fact]
    public async Task A_move_through_one_web_node_reaches_a_hub_client_of_another_node()
    {
        // Host B is a web node only: an Orleans client of host A's silo, on the same database and cluster.
        await using var nodeB = await CrmTestHost.Start(fixture.ConnectionString, fixture.ClusterId, HostingMode.Web);
        var onA = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
        var onB = await nodeB.SignIn(fixture.Portal.SecondEmail);
        var pipeline = await onA.Http.GetFromJsonAsync<Crm.Grains.Interfaces.Pipelines.Pipeline>($"/api/pipelines/{fixture.Portal.PipelineId}", Json);
        var (hub, events, _) = await BoardHubWatch.Start(onB, fixture.Portal.PipelineId);
        await using var __ = hub;

        var moved = await CreateAndMove(onA, fixture.Portal.PipelineId, pipeline!.Stages[3].Id);

        var e = await Next(events, moved.Id, DealChangeKind.Moved);
        Assert.Equal(moved.Version, e.Version);
        Assert.Equal(pipeline.Stages[3].Id, e.Deal.StageId);
    }

    [Fact]
    public async Task Every_move_reaches_every_watcher_exactly_in_version_order_per_deal()
    {
        var client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
        var pipeline = (await client.Http.GetFromJsonAsync<Crm.Grains.Interfaces.Pipelines.Pipeline>($"/api/pipelines/{fixture.Portal.PipelineId}", Json))!;
        var stages = pipeline.Stages.Where(s => !s.IsFinal).Select(s => s.Id).ToArray();
        var watchers = new List<(HubConnection Hub, Channel<DealChanged> Events)>();
        for (var i = 0; i < 3; i++)
        {
            var (hub, events, _) = await BoardHubWatch.Start(client, fixture.Portal.PipelineId);
            watchers.Add((hub, events));
        }
        var deals = new List<Deal>();
        for (var i = 0; i < 10; i++)
            deals.Add((await (await client.Http.PostAsJsonAsync("/api/deals", new { title = $"Burst {i}", amount = 1, currency = "USD", pipelineId = pipeline.Id }))
                .Content.ReadFromJsonAsync<Deal>(Json))!);

        var expected = new List<(long Deal, long Version)>();
        for (var round = 1; round <= 6; round++)
            foreach (var deal in deals)
            {
                var moved = await client.Http.PostAsJsonAsync($"/api/deals/{deal.Id}/move", new { stageId = stages[round % stages.Length] });
                var after = (await moved.Content.ReadFromJsonAsync<Deal>(Json))!;
                expected.Add((after.Id, after.Version));
            }

        foreach (var (hub, events) in watchers)
        {
            var seen = new HashSet<(long, long)>();
            using var timeout = new CancellationTokenSource(Patience);
            while (!expected.All(seen.Contains))
            {
                var e = await events.Reader.ReadAsync(timeout.Token);
                if (e.Kind == DealChangeKind.Moved) seen.Add((e.Deal.Id, e.Version));
            }
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_board_watched_again_after_every_watcher_left_still_receives_events()
    {
        var client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
        var pipeline = (await client.Http.GetFromJsonAsync<Crm.Grains.Interfaces.Pipelines.Pipeline>($"/api/pipelines/{fixture.Portal.PipelineId}", Json))!;
        for (var round = 1; round <= 3; round++)
        {
            var (hub, events, _) = await BoardHubWatch.Start(client, fixture.Portal.PipelineId);
            var moved = await CreateAndMove(client, pipeline.Id, pipeline.Stages[round].Id);
            Assert.Equal(moved.Version, (await Next(events, moved.Id, DealChangeKind.Moved)).Version);
            await hub.DisposeAsync();
        }
    }
}
