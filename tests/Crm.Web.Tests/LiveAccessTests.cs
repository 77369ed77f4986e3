using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Crm.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crm.Web.Tests;

/// <summary>
/// Two hub watchers of one board with different rights receive exactly the events each may see: the
/// restricted one sees only its own deals, and a deal of its own moving into a stage it may not see
/// leaves its board as removed. A last change both may see closes each stream: events are delivered
/// in order, so anything not received before it was not sent.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class LiveAccessTests(WebFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    [Fact]
    public async Task Watchers_with_different_rights_receive_exactly_the_events_and_totals_they_may_see()
    {
        var portal = await fixture.Host.CreatePortal("Live access portal");
        var admin = await fixture.Host.SignIn(portal.AdminEmail);
        var seller = await fixture.Host.SignIn(portal.SecondEmail);
        var pipeline = (await admin.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{portal.PipelineId}", Json))!;
        var hidden = pipeline.Stages[2].Id;
        await AccessSetup.OnlyRole(admin.Http, portal.SecondId, "Own deals, not in one stage",
            new { entity = "deal", action = "read", scope = "own" },
            new { entity = "deal", action = "read", scope = "none", pipelineId = portal.PipelineId, stageId = hidden });

        var (adminHub, adminEvents, _) = await BoardHubWatch.Start(admin, portal.PipelineId);
        var (sellerHub, sellerEvents, sellerTotals) = await BoardHubWatch.Start(seller, portal.PipelineId);
        await using var a = adminHub;
        await using var b = sellerHub;

        var sellers = await Create(admin, "Seller's deal", portal.SecondId, 100);
        var admins = await Create(admin, "Admin's deal", portal.AdminId, 5000);
        var moved = await admin.Http.PostAsJsonAsync($"/api/deals/{sellers.Id}/move", new { stageId = hidden });
        moved.EnsureSuccessStatusCode();
        var last = await Create(admin, "Seller's last deal", portal.SecondId, 7);

        var adminSaw = await Until(adminEvents, last.Id);
        Assert.Equal([(sellers.Id, DealChangeKind.Created), (admins.Id, DealChangeKind.Created), (sellers.Id, DealChangeKind.Moved), (last.Id, DealChangeKind.Created)],
            adminSaw.Select(e => (e.Deal.Id, e.Kind)));

        var sellerSaw = await Until(sellerEvents, last.Id);
        Assert.Equal([(sellers.Id, DealChangeKind.Created), (sellers.Id, DealChangeKind.Deleted), (last.Id, DealChangeKind.Created)],
            sellerSaw.Select(e => (e.Deal.Id, e.Kind)));
        Assert.Equal(pipeline.FirstStage.Id, sellerSaw[1].Deal.StageId); // removed from where the seller saw it, not telling where it went

        // The seller's column totals never count the admin's deal nor the hidden one: at most the last deal's 7.
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var totals = await sellerTotals.Reader.ReadAsync(timeout.Token);
            var sums = totals.GetProperty("columns").EnumerateArray().SelectMany(c => c.GetProperty("sums").EnumerateArray()).Sum(s => s.GetProperty("amount").GetDecimal());
            Assert.True(sums <= 100, $"the seller's totals count {sums}");
            if (sums == 7) break;
        }
    }

    [Fact]
    public async Task A_rights_change_reaches_an_open_connection_which_is_told_to_resynchronise_and_then_gets_only_what_it_may_now_see()
    {
        var portal = await fixture.Host.CreatePortal("Live rights change portal");
        var admin = await fixture.Host.SignIn(portal.AdminEmail);
        var seller = await fixture.Host.SignIn(portal.SecondEmail);
        var (sellerHub, sellerEvents, _) = await BoardHubWatch.Start(seller, portal.PipelineId);
        await using var _ = sellerHub;
        var resyncs = Channel.CreateUnbounded<bool>();
        sellerHub.On<JsonElement>("resync", _ => resyncs.Writer.TryWrite(true));

        var before = await Create(admin, "Admin's deal, seen under the default role", portal.AdminId, 10);
        Assert.Equal([before.Id], (await Until(sellerEvents, before.Id)).Select(e => e.Deal.Id));

        await AccessSetup.OnlyRole(admin.Http, portal.SecondId, "Own deals only", new { entity = "deal", action = "read", scope = "own" });

        // Two changes, so at least one resynchronisation; the last one follows the last change.
        using (var timeout = new CancellationTokenSource(Patience)) await resyncs.Reader.ReadAsync(timeout.Token);
        var hiddenNow = await Create(admin, "Admin's deal after the change", portal.AdminId, 20);
        var own = await Create(admin, "The seller's deal", portal.SecondId, 30);
        Assert.Equal([own.Id], (await Until(sellerEvents, own.Id)).Select(e => e.Deal.Id).Where(id => id != before.Id));
        Assert.NotEqual(own.Id, hiddenNow.Id);
    }

    private static async Task<Deal> Create(SignedInClient client, string title, int responsibleId, decimal amount)
    {
        var created = await client.Http.PostAsJsonAsync("/api/deals", new { title, responsibleId, amount, currency = "USD" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<Deal>(Json))!;
    }


    /// <summary>The events received up to and including the creation of <paramref name="lastId"/>.</summary>
    private static async Task<List<DealChanged>> Until(Channel<DealChanged> events, long lastId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new List<DealChanged>();
        while (true)
        {
            var e = await events.Reader.ReadAsync(timeout.Token);
            seen.Add(e);
            if (e.Deal.Id == lastId) return seen;
        }
    }
}
