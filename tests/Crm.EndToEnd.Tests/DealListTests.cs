namespace Crm.EndToEnd.Tests;

/// <summary>The deal list of a pipeline: search by title, sort, page, and live rows.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DealListTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_list_searches_titles_sorts_by_amount_pages_and_shows_a_new_deal_without_reload()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var pipeline = (await api.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{portal.PipelineId}", Json))!;
        for (var i = 1; i <= 30; i++)
        {
            var title = i % 10 == 0 ? $"Turbine order {i}" : $"Office supplies {i}";
            (await api.Http.PostAsJsonAsync("/api/deals", new { title, amount = i * 100, currency = "USD", pipelineId = pipeline.Id })).EnsureSuccessStatusCode();
        }

        var page = await fixture.SignedInPage(portal.SecondEmail, $"/deals/list/{pipeline.Id}", "[data-testid=deal-grid] tbody tr >> nth=0");
        var rows = page.Locator("[data-testid=deal-grid] tbody tr");
        var titles = page.Locator("[data-testid=deal-grid] tbody tr td:nth-child(3)"); // after the selection box and the id

        // Pages of 25: 30 deals make two pages.
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await page.Locator(".mud-table-pagination-actions button").Nth(2).ClickAsync(); // next page
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await page.Locator(".mud-table-pagination-actions button").Nth(1).ClickAsync(); // previous page
        await Assertions.Expect(rows).ToHaveCountAsync(25);

        // Sort by amount: ascending, then descending.
        var amountHeader = page.Locator("th", new() { HasText = "Amount" }).Locator(".sortable-column-header, .column-header").First;
        await amountHeader.ClickAsync();
        await Assertions.Expect(titles.First).ToHaveTextAsync("Office supplies 1");
        await amountHeader.ClickAsync();
        await Assertions.Expect(titles.First).ToHaveTextAsync("Turbine order 30");

        // Search: full-text on the title.
        await page.Locator("input[data-testid=deal-search]").FillAsync("turbine");
        await Assertions.Expect(titles).ToHaveTextAsync(["Turbine order 30", "Turbine order 20", "Turbine order 10"]);

        // Live: a deal created elsewhere that matches the search appears.
        (await api.Http.PostAsJsonAsync("/api/deals", new { title = "Turbine order 99", amount = 99999, currency = "USD", pipelineId = pipeline.Id })).EnsureSuccessStatusCode();
        await Assertions.Expect(titles.First).ToHaveTextAsync("Turbine order 99");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
    }
}
