namespace Crm.EndToEnd.Tests;

/// <summary>The deal form opened from a card: edit and delete, seen live in a second browser; the timeline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DealFormTests(BrowserFixture fixture)
{
    private async Task<(TestPortal Portal, SignedInClient Api, Pipeline Pipeline, Deal Deal)> PortalWithDeal(string title, decimal amount)
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var pipeline = (await api.Http.GetFromJsonAsync<Pipeline>($"/api/pipelines/{portal.PipelineId}", Json))!;
        var created = await api.Http.PostAsJsonAsync("/api/deals", new { title, amount, currency = "USD", pipelineId = pipeline.Id, stageId = pipeline.Stages[1].Id });
        created.EnsureSuccessStatusCode();
        return (portal, api, pipeline, (await created.Content.ReadFromJsonAsync<Deal>(Json))!);
    }

    private static async Task<ILocator> OpenForm(IPage page, long dealId)
    {
        await page.Locator($"[data-deal-id='{dealId}']").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator("[data-testid=deal-timeline]")).ToBeVisibleAsync();
        return dialog;
    }

    [Fact]
    public async Task An_edit_saved_in_the_form_shows_on_the_other_browsers_board_and_in_the_timeline_as_old_to_new()
    {
        var (portal, api, pipeline, deal) = await PortalWithDeal("Old title", 100);
        var stage = pipeline.Stages[1].Id;
        var path = $"/deals/board/{pipeline.Id}";
        var first = await fixture.SignedInPage(portal.AdminEmail, path, "[data-testid=board]");
        var second = await fixture.SignedInPage(portal.SecondEmail, path, "[data-testid=board]");
        await Assertions.Expect(Column(second, stage).Locator("[data-testid=column-sum]")).ToHaveTextAsync("100 USD");

        var form = await OpenForm(first, deal.Id);
        await Assertions.Expect(form.Locator("input[data-testid=deal-title]")).ToHaveValueAsync("Old title");
        await Assertions.Expect(form.Locator(".mud-dialog-title")).ToHaveTextAsync($"Deal #{deal.Id}");
        await form.Locator("input[data-testid=deal-title]").FillAsync("New title");
        await form.Locator("input[data-testid=deal-amount]").FillAsync("250");
        await form.Locator("input[data-testid=deal-amount]").PressAsync("Tab");
        await form.Locator("[data-testid=deal-save]").ClickAsync();

        // The other browser: the card's new title and the column's new sum, without a reload.
        var card = second.Locator($"[data-deal-id='{deal.Id}']");
        await Assertions.Expect(card.Locator(".deal-title")).ToHaveTextAsync("New title");
        await Assertions.Expect(card.Locator(".deal-amount")).ToHaveTextAsync("250 USD");
        await Assertions.Expect(Column(second, stage).Locator("[data-testid=column-sum]")).ToHaveTextAsync("250 USD");

        // The timeline: who changed what, old -> new, newest first or last but both entries present.
        var timeline = form.Locator("[data-testid=deal-timeline]");
        await Assertions.Expect(timeline).ToContainTextAsync("Alice Admin · updated");
        await Assertions.Expect(timeline).ToContainTextAsync("title: Old title → New title");
        await Assertions.Expect(timeline).ToContainTextAsync("amount: 100 → 250");
        await Assertions.Expect(timeline).ToContainTextAsync("created");

        // The second user opens the same deal and sees the same history.
        var secondForm = await OpenForm(second, deal.Id);
        await Assertions.Expect(secondForm.Locator("[data-testid=deal-timeline]")).ToContainTextAsync("title: Old title → New title");
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "deal-form-timeline.png") });

        var stored = (await api.Http.GetFromJsonAsync<Deal>($"/api/deals/{deal.Id}", Json))!;
        Assert.Equal(("New title", 250m, 2L), (stored.Title, stored.Amount, stored.Version));
    }

    [Fact]
    public async Task A_stale_form_reports_the_conflict_and_does_not_overwrite_the_newer_change()
    {
        var (portal, api, pipeline, deal) = await PortalWithDeal("Shared deal", 100);
        var first = await fixture.SignedInPage(portal.AdminEmail, $"/deals/board/{pipeline.Id}", "[data-testid=board]");
        var form = await OpenForm(first, deal.Id);

        // Someone else changes the deal while the form is open.
        var other = await api.Http.PutAsJsonAsync($"/api/deals/{deal.Id}", new { title = "Changed elsewhere", amount = 100, currency = "USD", responsibleId = portal.AdminId, version = 1 });
        other.EnsureSuccessStatusCode();

        await form.Locator("input[data-testid=deal-title]").FillAsync("My stale edit");
        await form.Locator("[data-testid=deal-save]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-testid=deal-error]")).ToContainTextAsync("has changed");
        var stored = (await api.Http.GetFromJsonAsync<Deal>($"/api/deals/{deal.Id}", Json))!;
        Assert.Equal(("Changed elsewhere", 2L), (stored.Title, stored.Version));
    }

    [Fact]
    public async Task A_deal_deleted_from_its_form_leaves_the_other_browsers_board_with_updated_totals()
    {
        var (portal, api, pipeline, deal) = await PortalWithDeal("Delete me", 700);
        var stage = pipeline.Stages[1].Id;
        var path = $"/deals/board/{pipeline.Id}";
        var first = await fixture.SignedInPage(portal.AdminEmail, path, "[data-testid=board]");
        var second = await fixture.SignedInPage(portal.SecondEmail, path, "[data-testid=board]");
        await Assertions.Expect(Column(second, stage).Locator("[data-testid=column-count]")).ToHaveTextAsync("1");

        var form = await OpenForm(first, deal.Id);
        await form.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await first.Locator(".mud-message-box").GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

        await Assertions.Expect(second.Locator($"[data-deal-id='{deal.Id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(Column(second, stage).Locator("[data-testid=column-count]")).ToHaveTextAsync("0");
        await Assertions.Expect(Column(second, stage).Locator("[data-testid=column-sum]")).ToHaveTextAsync("0");
        await Assertions.Expect(first.Locator($"[data-deal-id='{deal.Id}']")).ToHaveCountAsync(0);
        var response = await api.Http.GetAsync($"/api/deals/{deal.Id}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
