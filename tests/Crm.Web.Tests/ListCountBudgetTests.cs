using Crm.TestSupport;
using Crm.Web.Lists;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Web.Tests;

/// <summary>
/// A list's count stops at its time budget and leaves the total at "more than" the page, while the
/// page itself is still read. The conditions sleep 20 ms per lead, so counting twenty leads cannot
/// fit in 25 ms and always fits in ten seconds.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ListCountBudgetTests(WebFixture fixture)
{
    [Fact]
    public async Task A_count_past_its_budget_gives_the_page_and_a_total_of_more_than_the_page()
    {
        var portal = await fixture.Host.CreatePortal("Slow count");
        await ReadModelLeads.Insert(fixture.ConnectionString, portal.PortalId, portal.AdminId, 20);
        await using var db = NpgsqlDataSource.Create(fixture.ConnectionString);
        var query = new ListQuery("leads", "id", parameters =>
        {
            parameters.Add(new() { Value = portal.PortalId });
            return $"portal_id = ${parameters.Count} AND pg_sleep(0.02)::text = ''";
        }, "id", ById: true, Searches: false, Filter: null);
        Task<(List<long> Items, int Total, bool TotalIsExact)> Read(TimeSpan budget) =>
            new ListPages(db, Options.Create(new ListOptions { CountBudget = budget })).Read(query, 0, 2, reader => reader.GetInt64(0));

        var hurried = await Read(TimeSpan.FromMilliseconds(25));
        Assert.Equal([1L, 2], hurried.Items);
        Assert.Equal((2, false), (hurried.Total, hurried.TotalIsExact));

        var patient = await Read(TimeSpan.FromSeconds(10));
        Assert.Equal([1L, 2], patient.Items);
        Assert.Equal((20, true), (patient.Total, patient.TotalIsExact));
    }
}
