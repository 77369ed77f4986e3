using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Crm.Web.Tests.ApiAssert;
using static Crm.Web.Tests.ActivityStream.StreamKit;

namespace Crm.Web.Tests.ActivityStream;

/// <summary>Events of the CRM in the stream: deals won, lost or large and leads converted, seen by those who may see the record.</summary>
[Collection(WebCollection.Name)]
public sealed class StreamEventsTests(WebFixture fixture)
{
    private static async Task<List<JsonElement>> Events(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/stream?limit=100");
        return page.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("event").ValueKind == JsonValueKind.Object).ToList();
    }

    /// <summary>Events are written one way after the record's change: wait until the expected number has arrived.</summary>
    private static async Task<List<JsonElement>> EventsOnceThere(HttpClient client, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var events = await Events(client);
            if (events.Count >= count) return events;
            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task Large_won_and_lost_deals_and_converted_leads_appear_for_those_who_may_see_them()
    {
        var portal = await fixture.Host.CreatePortal("Stream events");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        await ProblemOf(await bob.PutAsJsonAsync("/api/stream/settings", new { largeDealAmount = 1000 }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await admin.PutAsJsonAsync("/api/stream/settings", new { largeDealAmount = -5 }), HttpStatusCode.BadRequest, "invalid_amount");
        (await admin.PutAsJsonAsync("/api/stream/settings", new { largeDealAmount = 10_000 })).EnsureSuccessStatusCode();
        // Bob reads only his own deals and leads.
        await AccessSetup.OnlyRole(admin, portal.SecondId, "Own only",
            new { entity = "deal", action = "read", scope = "own" }, new { entity = "lead", action = "read", scope = "own" },
            new { entity = "feed", action = "read", scope = "all" });

        async Task<long> Deal(string title, decimal amount, int responsibleId)
        {
            var created = await admin.PostAsJsonAsync("/api/deals", new { title, amount, currency = "EUR", responsibleId });
            created.EnsureSuccessStatusCode();
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        await Deal("Small <i>one</i>", 9_999, portal.AdminId);
        var big = await Deal("Big <i>one</i>", 25_000, portal.AdminId);
        var bobs = await Deal("Bob's deal", 500, portal.SecondId);
        (await admin.PostAsJsonAsync($"/api/deals/{big}/close", new { outcome = "won" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/deals/{bobs}/close", new { outcome = "lost" })).EnsureSuccessStatusCode();
        var lead = await (await admin.PostAsJsonAsync("/api/leads", new { title = "Converted lead", firstName = "Conny", responsibleId = portal.AdminId })).Content.ReadFromJsonAsync<JsonElement>();
        (await admin.PostAsJsonAsync($"/api/leads/{lead.GetProperty("id").GetInt64()}/convert", new { contact = true })).EnsureSuccessStatusCode();

        var adminSees = await EventsOnceThere(admin, 4);
        // Each record tells the stream one way, so events of different records may land in either order.
        Assert.Equal(["deal_large", "deal_lost", "deal_won", "lead_converted"], adminSees.Select(e => e.GetProperty("event").GetProperty("kind").GetString()).Order());
        var won = adminSees.Single(e => e.GetProperty("event").GetProperty("kind").GetString() == "deal_won");
        Assert.Equal("Deal won: <b>Big &lt;i&gt;one&lt;/i&gt;</b>, 25,000 EUR.", won.GetProperty("text").GetString());
        Assert.Equal(big, won.GetProperty("event").GetProperty("record").GetProperty("id").GetInt64());

        // Bob sees only the event of his own deal.
        var bobSees = await EventsOnceThere(bob, 1);
        Assert.Equal("deal_lost", Assert.Single(bobSees).GetProperty("event").GetProperty("kind").GetString());
    }
}
