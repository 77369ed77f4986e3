using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crm.Web.Tests;

/// <summary>Hub clients watching the portal's leads get every lead change with its version, and the status totals.</summary>
[Collection(WebCollection.Name)]
public sealed class LiveLeadsTests(WebFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    [Fact]
    public async Task A_lead_created_and_junked_through_the_api_reaches_a_lead_watcher_with_versions_and_totals()
    {
        var portal = await fixture.Host.CreatePortal();
        var client = await fixture.Host.SignIn(portal.AdminEmail);
        await using var hub = client.BoardHub();
        var events = Channel.CreateUnbounded<LeadChanged>();
        var totals = Channel.CreateUnbounded<JsonElement>();
        hub.On<LeadChanged>("leadChanged", e => events.Writer.TryWrite(e));
        hub.On<JsonElement>("leadTotals", t => totals.Writer.TryWrite(t));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeLeads");

        var created = await client.Http.PostAsJsonAsync("/api/leads", new { title = "Watched lead", amount = 300, currency = "EUR" });
        var lead = (await created.Content.ReadFromJsonAsync<Lead>(Json))!;
        await client.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new { statusId = "JUNK", version = 1 });

        using var timeout = new CancellationTokenSource(Patience);
        var first = await events.Reader.ReadAsync(timeout.Token);
        Assert.Equal((LeadChangeKind.Created, lead.Id, 1L, "Watched lead"), (first.Kind, first.Lead.Id, first.Version, first.Lead.Fields.Title));
        var second = await events.Reader.ReadAsync(timeout.Token);
        Assert.Equal((LeadChangeKind.StatusChanged, 2L, "JUNK", "NEW"), (second.Kind, second.Version, second.Lead.StatusId, second.PreviousStatusId));

        // Totals by status follow, read from the read model: in the end the lead counts under JUNK.
        while (true)
        {
            var columns = (await totals.Reader.ReadAsync(timeout.Token)).GetProperty("columns").EnumerateArray()
                .ToDictionary(c => c.GetProperty("stageId").GetString()!, c => c.GetProperty("count").GetInt32());
            if (columns.GetValueOrDefault("JUNK") == 1 && !columns.ContainsKey("NEW")) break;
        }

        // Another portal's watcher hears nothing of it.
        var other = await fixture.Host.CreatePortal();
        var stranger = await fixture.Host.SignIn(other.AdminEmail);
        await using var strangerHub = stranger.BoardHub();
        var heard = 0;
        strangerHub.On<LeadChanged>("leadChanged", _ => Interlocked.Increment(ref heard));
        await strangerHub.StartAsync();
        await strangerHub.InvokeAsync("SubscribeLeads");
        await client.Http.PutAsJsonAsync($"/api/leads/{lead.Id}", new { title = "Renamed", currency = "EUR", amount = 300 });
        var third = await events.Reader.ReadAsync(timeout.Token); // the owner's watcher gets the edit...
        Assert.Equal((LeadChangeKind.Updated, 3L), (third.Kind, third.Version));
        Assert.Equal(0, Volatile.Read(ref heard)); // ...delivered after the stranger subscribed, yet not to it
    }
}
