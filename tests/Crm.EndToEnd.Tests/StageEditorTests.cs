namespace Crm.EndToEnd.Tests;

/// <summary>The pipeline settings page: stage changes made there reach a board open in another browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StageEditorTests(BrowserFixture fixture)
{
    private static ILocator ColumnNames(IPage page) => page.Locator("section.board-column .column-name");

    [Fact]
    public async Task Adding_renaming_and_reordering_stages_reshape_the_board_of_another_browser()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var pipeline = (await api.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{portal.PipelineId}", Json))!;
        var names = pipeline.Stages.Select(s => s.Name).ToList();
        var settings = await fixture.SignedInPage(portal.AdminEmail, $"/pipelines/{pipeline.Id}", "[data-testid=stage-table]");
        var board = await fixture.SignedInPage(portal.SecondEmail, $"/deals/board/{pipeline.Id}", "[data-testid=board]");
        await Assertions.Expect(ColumnNames(board)).ToHaveTextAsync(names.ToArray());

        // Add: new in-progress stages go before the final ones.
        await settings.GetByLabel("New stage").FillAsync("Negotiation");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Add stage" }).ClickAsync();
        await Assertions.Expect(ColumnNames(board).Filter(new() { HasText = "Negotiation" })).ToHaveCountAsync(1);

        // Rename the first stage (committed when the field loses focus).
        var firstRow = settings.Locator($"tr[data-stage-id='{pipeline.Stages[0].Id}']");
        await firstRow.Locator("input").First.FillAsync("Fresh leads");
        await firstRow.Locator("input").First.PressAsync("Tab");
        await Assertions.Expect(ColumnNames(board).First).ToHaveTextAsync("Fresh leads");

        // Move the second stage up: it becomes the first column.
        var secondRow = settings.Locator($"tr[data-stage-id='{pipeline.Stages[1].Id}']");
        await secondRow.Locator("button").First.ClickAsync();
        await Assertions.Expect(ColumnNames(board).First).ToHaveTextAsync(pipeline.Stages[1].Name);
        await Assertions.Expect(ColumnNames(board).Nth(1)).ToHaveTextAsync("Fresh leads");
    }

    [Fact]
    public async Task Deleting_a_stage_that_holds_deals_asks_where_they_go_and_the_other_browser_sees_them_there()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var pipeline = (await api.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{portal.PipelineId}", Json))!;
        var doomed = pipeline.Stages[1];
        var target = pipeline.Stages[2];
        var deals = new List<Deal>();
        foreach (var title in new[] { "Keep me", "Me too" })
            deals.Add((await (await api.Http.PostAsJsonAsync("/api/deals", new { title, amount = 50, currency = "USD", pipelineId = pipeline.Id, stageId = doomed.Id }))
                .Content.ReadFromJsonAsync<Deal>(Json))!);

        var settings = await fixture.SignedInPage(portal.AdminEmail, $"/pipelines/{pipeline.Id}", "[data-testid=stage-table]");
        var board = await fixture.SignedInPage(portal.SecondEmail, $"/deals/board/{pipeline.Id}", "[data-testid=board]");

        await settings.Locator($"tr[data-stage-id='{doomed.Id}'] button").Last.ClickAsync();
        var dialog = settings.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("holds 2 deal(s)");
        var delete = dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" });
        await Assertions.Expect(delete).ToBeDisabledAsync(); // no target chosen yet
        await dialog.Locator(".mud-select").First.ClickAsync();
        await settings.Locator(".mud-popover-open .mud-list-item", new() { HasText = target.Name }).ClickAsync();
        await delete.ClickAsync();

        await Assertions.Expect(board.Locator($"section.board-column[data-stage-id='{doomed.Id}']")).ToHaveCountAsync(0);
        var targetColumn = board.Locator($"section.board-column[data-stage-id='{target.Id}']");
        foreach (var deal in deals)
            await Assertions.Expect(targetColumn.Locator($"[data-deal-id='{deal.Id}']")).ToBeVisibleAsync();
        await Assertions.Expect(targetColumn.Locator("[data-testid=column-count]")).ToHaveTextAsync("2");
        foreach (var deal in deals)
            Assert.Equal(target.Id, (await api.Http.GetFromJsonAsync<Deal>($"/api/deals/{deal.Id}", Json))!.StageId);
    }
}
