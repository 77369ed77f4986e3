using Crm.Grains.Interfaces.CustomFields;

namespace Crm.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class KanbanBoardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_card_dragged_in_one_browser_appears_in_the_other_browsers_target_column_with_updated_totals()
    {
        var api = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
        var pipeline = (await api.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{fixture.Portal.PipelineId}", Json))!;
        var source = pipeline.Stages[0].Id;
        var target = pipeline.Stages[2].Id;
        var created = await api.Http.PostAsJsonAsync("/api/deals", new { title = "Drag me", amount = 4321, currency = "EUR", pipelineId = pipeline.Id, stageId = source });
        var deal = (await created.Content.ReadFromJsonAsync<Deal>(Json))!;

        var path = $"/deals/board/{pipeline.Id}";
        var first = await fixture.SignedInPage(fixture.Portal.AdminEmail, path, "[data-testid=board]");
        var second = await fixture.SignedInPage(fixture.Portal.SecondEmail, path, "[data-testid=board]");
        var card = $"[data-deal-id='{deal.Id}']";
        await Assertions.Expect(Column(second, source).Locator(card)).ToBeVisibleAsync();
        await Assertions.Expect(Column(second, target).Locator("[data-testid=column-count]")).ToHaveTextAsync("0");

        await Column(first, source).Locator(card).DragToAsync(Column(first, target).Locator(".column-cards"));

        await Assertions.Expect(Column(second, target).Locator(card)).ToBeVisibleAsync();
        await Assertions.Expect(Column(second, source).Locator(card)).ToHaveCountAsync(0);
        await Assertions.Expect(Column(second, target).Locator("[data-testid=column-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(Column(second, target).Locator("[data-testid=column-sum]")).ToHaveTextAsync("4,321 EUR");
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "board-after-drag.png"), FullPage = true });

        var stored = (await api.Http.GetFromJsonAsync<Deal>($"/api/deals/{deal.Id}", Json))!;
        Assert.Equal(target, stored.StageId);
    }

    [Fact]
    public async Task Quick_add_and_reordering_inside_a_column_show_in_the_other_browser_in_the_same_order()
    {
        var created = await fixture.Host.CreatePortal("Reorder portal");
        var api = await fixture.Host.SignIn(created.AdminEmail);
        var pipeline = (await api.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{created.PipelineId}", Json))!;
        var stage = pipeline.Stages[1].Id;
        var path = $"/deals/board/{pipeline.Id}";
        var first = await fixture.SignedInPage(created.AdminEmail, path, "[data-testid=board]");
        var second = await fixture.SignedInPage(created.SecondEmail, path, "[data-testid=board]");

        foreach (var title in new[] { "Third", "Second", "First" })
        {
            await Column(first, stage).Locator("input[data-testid=quick-add]").First.FillAsync(title);
            await Column(first, stage).Locator("input[data-testid=quick-add]").First.PressAsync("Enter");
            await Assertions.Expect(Column(second, stage).Locator(".deal-card", new() { HasText = title })).ToBeVisibleAsync();
        }
        var titles = Column(second, stage).Locator(".deal-title");
        await Assertions.Expect(titles).ToHaveTextAsync(["First", "Second", "Third"]);

        // Drag the last card onto the first: it goes to the top, for both browsers.
        await Column(first, stage).Locator(".deal-card", new() { HasText = "Third" })
            .DragToAsync(Column(first, stage).Locator(".deal-card", new() { HasText = "First" }));
        await Assertions.Expect(titles).ToHaveTextAsync(["Third", "First", "Second"]);
        await Assertions.Expect(Column(first, stage).Locator(".deal-title")).ToHaveTextAsync(["Third", "First", "Second"]);
        await Assertions.Expect(Column(second, stage).Locator("[data-testid=column-count]")).ToHaveTextAsync("3");
    }

    [Fact]
    public async Task Quick_add_asks_for_the_required_deal_fields_and_creates_the_deal_with_them()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var po = (await (await api.Http.PostAsJsonAsync("/api/custom-fields", new { recordKind = "deal", label = "PO number", type = "string", required = true }))
            .Content.ReadFromJsonAsync<CustomField>(Json))!;
        var stage = (await api.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{portal.PipelineId}", Json))!.Stages[0].Id;
        var page = await fixture.SignedInPage(portal.AdminEmail, $"/deals/board/{portal.PipelineId}", "[data-testid=board]");

        await Column(page, stage).Locator("input[data-testid=quick-add]").FillAsync("Needs a PO");
        await Column(page, stage).Locator("input[data-testid=quick-add]").PressAsync("Enter");
        var dialog = page.Locator(".mud-dialog", new() { HasText = "New deal" });
        await Assertions.Expect(dialog.Locator("input[data-testid=new-deal-title]")).ToHaveValueAsync("Needs a PO");
        await dialog.Locator("[data-testid=new-deal-create]").ClickAsync();
        await Assertions.Expect(dialog.Locator("[data-testid=new-deal-error]")).ToContainTextAsync("'PO number' is required");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "quick-add-required-fields.png"), FullPage = true });

        await dialog.Locator($"input[data-testid=custom-{po.Code}]").FillAsync("PO-42");
        await dialog.Locator($"input[data-testid=custom-{po.Code}]").PressAsync("Tab");
        await dialog.Locator("[data-testid=new-deal-create]").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var card = Column(page, stage).Locator(".deal-card", new() { HasText = "Needs a PO" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        var deal = (await api.Http.GetFromJsonAsync<Deal>($"/api/deals/{await card.GetAttributeAsync("data-deal-id")}", Json))!;
        Assert.Equal("PO-42", deal.Custom![po.Code]);
    }
}
