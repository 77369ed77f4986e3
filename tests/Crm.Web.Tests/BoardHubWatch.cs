using System.Text.Json;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Live;
using Crm.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crm.Web.Tests;

/// <summary>A real SignalR client watching a deal board: connects, subscribes, and collects deal events and column totals.</summary>
public static class BoardHubWatch
{
    public static async Task<(HubConnection Hub, Channel<DealChanged> Events, Channel<JsonElement> Totals)> Start(SignedInClient client, long pipelineId)
    {
        var hub = client.BoardHub();
        var events = Channel.CreateUnbounded<DealChanged>();
        var totals = Channel.CreateUnbounded<JsonElement>();
        hub.On<DealChanged>("dealChanged", e => events.Writer.TryWrite(e));
        hub.On<JsonElement>("columnTotals", t => totals.Writer.TryWrite(t));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeBoard", pipelineId);
        return (hub, events, totals);
    }
}
