using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Interfaces.Lists;
using Crm.TestSupport;
using Crm.Web.Leads;
using Crm.Web.Lists;
using Npgsql;

namespace Crm.Web.Tests;

/// <summary>List totals through the real host: exact up to the cap, "more than" past it, and the same on any page.</summary>
[Collection(WebCollection.Name)]
public sealed class ListTotalsApiTests(WebFixture fixture)
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    [Fact]
    public async Task A_total_past_the_cap_is_more_than_the_cap_and_pages_near_the_end_still_count_exactly()
    {
        // A portal of its own holding more leads than the cap, written straight into the read model:
        // the list reads only the read model.
        var portal = await fixture.Host.CreatePortal("Many leads");
        var leads = ListPages.Cap + 5;
        await ReadModelLeads.Insert(fixture.ConnectionString, portal.PortalId, portal.AdminId, leads);
        var http = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        async Task<LeadPage> Get(string query) => (await http.GetFromJsonAsync<LeadPage>($"/api/leads?{query}", Json))!;

        var first = await Get("pageSize=50");
        Assert.Equal((ListPages.Cap, false, 50, 1L), (first.Total, first.TotalIsExact, first.Items.Count, first.Items[0].Id));

        // Counting starts at the page: near the end the count reaches the last lead.
        var nearEnd = await Get($"pageSize=50&page={ListPages.Cap / 50}");
        Assert.Equal((leads, true, 50), (nearEnd.Total, nearEnd.TotalIsExact, nearEnd.Items.Count));
        var last = await Get($"pageSize=50&page={leads / 50 + 1}");
        Assert.Equal((leads, true, leads % 50), (last.Total, last.TotalIsExact, last.Items.Count));
        var past = await Get("pageSize=50&page=1000");
        Assert.Equal((leads, true), (past.Total, past.TotalIsExact));
        Assert.Empty(past.Items);

        // Small matches are exact, whether the page holds them all or not.
        var junk = await Get("statusId=JUNK&pageSize=4&sort=id&desc=true");
        Assert.Equal((10, true), (junk.Total, junk.TotalIsExact));
        Assert.Equal([1_000L, 900, 800, 700], junk.Items.Select(i => i.Id));
        var rare = await Get("search=rarity");
        Assert.Equal((5, true), (rare.Total, rare.TotalIsExact));

        // Created since the day before yesterday (a lead every 10 minutes for a week), sorted by id either way: found by creation time, then sorted.
        var since = DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd");
        var filter = Uri.EscapeDataString(JsonSerializer.Serialize(new[] { new FilterCondition("createdAt", FilterOp.Range, From: since) }, Json));
        var recent = await Get($"filter={filter}&pageSize=3");
        var expectedFirst = await ExpectedFirstSince(portal.PortalId, since);
        Assert.Equal([expectedFirst, expectedFirst + 1, expectedFirst + 2], recent.Items.Select(i => i.Id));
        var newest = await Get($"filter={filter}&pageSize=3&desc=true");
        Assert.Equal([leads, leads - 1, leads - 2], newest.Items.Select(i => (int)i.Id));
        Assert.True(recent.TotalIsExact);
        Assert.Equal(leads - expectedFirst + 1, recent.Total);
    }

    private async Task<long> ExpectedFirstSince(int portalId, string day)
    {
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand("SELECT min(id) FROM leads WHERE portal_id = $1 AND created_at >= $2::date");
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = day });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
