using Crm.Grains.Interfaces.Leads;

namespace Crm.EndToEnd.Tests;

/// <summary>The lead board: a column per status; dragging a lead changes its status, live in another browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeadBoardTests(BrowserFixture fixture)
{
    private static ILocator StatusColumn(IPage page, string statusId) => page.Locator($"section.board-column[data-status-id='{statusId}']");

    [Fact]
    public async Task A_lead_dragged_to_another_status_moves_in_the_other_browser_and_dropping_on_converted_is_refused()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var lead = (await (await api.Http.PostAsJsonAsync("/api/leads", new { firstName = "Ivo", lastName = "Horvat", amount = 800, currency = "EUR" }))
            .Content.ReadFromJsonAsync<Lead>(Json))!;

        var first = await fixture.SignedInPage(portal.AdminEmail, "/leads/board", "[data-testid=lead-board]");
        var second = await fixture.SignedInPage(portal.SecondEmail, "/leads/board", "[data-testid=lead-board]");
        var card = $"[data-lead-id='{lead.Id}']";
        await Assertions.Expect(StatusColumn(second, "NEW").Locator(card)).ToBeVisibleAsync();
        await Assertions.Expect(StatusColumn(second, "NEW").Locator("[data-testid=column-sum]")).ToHaveTextAsync("800 EUR");

        await StatusColumn(first, "NEW").Locator(card).DragToAsync(StatusColumn(first, "IN_PROCESS").Locator(".column-cards"));

        await Assertions.Expect(StatusColumn(second, "IN_PROCESS").Locator(card)).ToBeVisibleAsync();
        await Assertions.Expect(StatusColumn(second, "NEW").Locator(card)).ToHaveCountAsync(0);
        await Assertions.Expect(StatusColumn(second, "IN_PROCESS").Locator("[data-testid=column-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(StatusColumn(second, "NEW").Locator("[data-testid=column-count]")).ToHaveTextAsync("0");

        // Converting is its own command: a drop on the converted column explains that and changes nothing.
        await StatusColumn(first, "IN_PROCESS").Locator(card).DragToAsync(StatusColumn(first, "CONVERTED").Locator(".column-cards"));
        await Assertions.Expect(first.Locator(".mud-snackbar")).ToContainTextAsync("converting the lead");
        await Assertions.Expect(StatusColumn(first, "IN_PROCESS").Locator(card)).ToBeVisibleAsync();
        var stored = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{lead.Id}", Json))!;
        Assert.Equal(("IN_PROCESS", 2L), (stored.StatusId, stored.Version));
        await second.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "lead-board.png"), FullPage = true });
    }
}
