using Crm.Grains.Interfaces.Leads;

namespace Crm.EndToEnd.Tests;

/// <summary>An open card follows its record: the timeline live, the newer values on request (never over what the user types).</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveCardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_lead_changed_elsewhere_updates_the_open_cards_timeline_and_offers_the_latest_values()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.SecondEmail);
        var lead = (await (await api.Http.PostAsJsonAsync("/api/leads", new { title = "Harbour enquiry" })).Content.ReadFromJsonAsync<Lead>(Json))!;
        var page = await fixture.SignedInPage(portal.AdminEmail, "/leads", "[data-testid=lead-grid] tbody tr >> nth=0");
        await page.Locator("[data-testid=lead-grid] tbody tr", new() { HasText = "Harbour enquiry" }).ClickAsync();
        var card = page.Locator(".mud-dialog");
        await Assertions.Expect(card.Locator("[data-testid=lead-timeline]")).ToContainTextAsync("created");
        await card.Locator("input[data-testid=lead-first-name]").FillAsync("Typed here");

        var edit = await api.Http.PutAsJsonAsync($"/api/leads/{lead.Id}", new { title = "Harbour enquiry, 40 t", currency = "USD", version = lead.Version });
        Assert.True(edit.IsSuccessStatusCode);

        await Assertions.Expect(card.Locator("[data-testid=lead-timeline]")).ToContainTextAsync("Harbour enquiry, 40 t");
        await Assertions.Expect(card.Locator("[data-testid=lead-newer]")).ToBeVisibleAsync();
        // What the user typed stays until they ask for the latest values.
        await Assertions.Expect(card.Locator("input[data-testid=lead-first-name]")).ToHaveValueAsync("Typed here");
        await card.Locator("[data-testid=lead-newer-show]").ClickAsync();
        await Assertions.Expect(card.Locator("input[data-testid=lead-title]")).ToHaveValueAsync("Harbour enquiry, 40 t");
        await Assertions.Expect(card.Locator("[data-testid=lead-newer]")).ToHaveCountAsync(0);
    }
}
