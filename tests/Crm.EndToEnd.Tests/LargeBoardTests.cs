namespace Crm.EndToEnd.Tests;

/// <summary>A board with more than 500 deals in one column: it pages, and live changes still land.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LargeBoardTests(BrowserFixture fixture)
{
    private const int Deals = 520;
    private const int PageSize = Crm.Web.Components.Pages.Deals.Board.PageSize;
    [Fact]
    public async Task A_column_of_520_deals_shows_one_page_at_a_time_with_full_totals_and_takes_live_moves()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var pipeline = (await api.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{portal.PipelineId}", Json))!;
        var big = pipeline.Stages[0].Id;
        var other = pipeline.Stages[1].Id;
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, Deals).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var r = await api.Http.PostAsJsonAsync("/api/deals", new { title = $"Bulk {i:000}", amount = 10, currency = "USD", pipelineId = pipeline.Id, stageId = big });
                r.EnsureSuccessStatusCode();
            }
            finally
            {
                gate.Release();
            }
        }));
        var outsider = (await (await api.Http.PostAsJsonAsync("/api/deals", new { title = "Arrives live", amount = 5, currency = "USD", pipelineId = pipeline.Id, stageId = other }))
            .Content.ReadFromJsonAsync<Deal>(Json))!;

        var page = await fixture.SignedInPage(portal.SecondEmail, $"/deals/board/{pipeline.Id}", "[data-testid=board]");
        var column = page.Locator($"section.board-column[data-stage-id='{big}']");
        var cards = column.Locator(".deal-card");

        // The header counts every deal; the column renders only the first page.
        await Assertions.Expect(column.Locator("[data-testid=column-count]")).ToHaveTextAsync(Deals.ToString());
        await Assertions.Expect(column.Locator("[data-testid=column-sum]")).ToHaveTextAsync($"{Deals * 10:#,0} USD");
        await Assertions.Expect(cards).ToHaveCountAsync(PageSize);

        await column.Locator("[data-testid=load-more]").ClickAsync();
        await Assertions.Expect(cards).ToHaveCountAsync(2 * PageSize);
        // Pages continue where the last ended: no card twice.
        var ids = await cards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.dealId)");
        Assert.Equal(ids.Length, ids.Distinct().Count());

        // A move into the big column shows at its top, counted, while the column stays paged.
        var moved = await api.Http.PostAsJsonAsync($"/api/deals/{outsider.Id}/move", new { stageId = big });
        moved.EnsureSuccessStatusCode();
        await Assertions.Expect(cards.First).ToHaveAttributeAsync("data-deal-id", outsider.Id.ToString());
        await Assertions.Expect(column.Locator("[data-testid=column-count]")).ToHaveTextAsync((Deals + 1).ToString());
        await Assertions.Expect(column.Locator("[data-testid=column-sum]")).ToHaveTextAsync($"{Deals * 10 + 5:#,0} USD");
        await Assertions.Expect(cards).ToHaveCountAsync(2 * PageSize + 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "board-520-deals.png") });
    }
}
