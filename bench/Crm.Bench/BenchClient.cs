using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crm.Bench;

/// <summary>A signed-in API client (the demo admin) and hub connections as the same user.</summary>
public sealed class BenchClient(HttpClient http, CookieContainer cookies, Uri baseAddress)
{
    public static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    public HttpClient Http => http;


    public static async Task<BenchClient> SignIn(Uri baseAddress)
    {
        var cookies = new CookieContainer();
        var handler = new SocketsHttpHandler { CookieContainer = cookies, MaxConnectionsPerServer = 256 };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email = "admin@demo.local", password = ServerProcess.Password });
        response.EnsureSuccessStatusCode();
        return new BenchClient(http, cookies, baseAddress);
    }

    /// <summary>The default pipeline with <paramref name="deals"/> deals spread over its in-progress stages.</summary>
    public async Task<(Pipeline Pipeline, IReadOnlyList<long> DealIds)> PrepareBoard(int deals)
    {
        var summary = (await http.GetFromJsonAsync<List<PipelineSummary>>("/api/pipelines", Json))![0];
        var pipeline = (await http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{summary.Id}", Json))!;
        var stages = pipeline.Stages.Where(s => !s.IsFinal).ToList();
        var ids = new List<long>();
        for (var i = 0; i < deals; i++)
        {
            var response = await http.PostAsJsonAsync("/api/deals", new { title = $"Bench deal {i}", amount = 100 + i, currency = "USD", pipelineId = pipeline.Id, stageId = stages[i % stages.Count].Id });
            ids.Add((await response.Content.ReadFromJsonAsync<Deal>(Json))!.Id);
        }
        return (pipeline, ids);
    }

    public async Task<Deal> Move(long dealId, string stageId)
    {
        var response = await http.PostAsJsonAsync($"/api/deals/{dealId}/move", new { stageId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Deal>(Json))!;
    }

    /// <summary>A watcher on the real .NET SignalR client.</summary>
    public async Task<IAsyncDisposable> HubWatcher(long pipelineId, Action<long, long> onDealChanged, Action<string> onClosed)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, Crm.Web.Live.BoardHub.Path), o =>
            {
                o.Cookies = cookies;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o => Crm.Web.Api.ApiJson.Configure(o.PayloadSerializerOptions))
            .Build();
        hub.On<DealChanged>("dealChanged", e => onDealChanged(e.Deal.Id, e.Version));
        hub.Closed += e =>
        {
            onClosed($"{e?.GetType().Name}: {e?.Message}");
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeBoard", pipelineId);
        return hub;
    }

    /// <summary>A watcher speaking the hub protocol itself (see <see cref="Bench.LeanWatcher"/>).</summary>
    public async Task<IAsyncDisposable> LeanWatcher(long pipelineId, Action<long, long> onDealChanged, Action<string> onClosed)
    {
        var watcher = new LeanWatcher { OnDealChanged = onDealChanged, OnClosed = onClosed };
        await watcher.Start(new Uri(baseAddress, Crm.Web.Live.BoardHub.Path), cookies, pipelineId);
        return watcher;
    }
}
