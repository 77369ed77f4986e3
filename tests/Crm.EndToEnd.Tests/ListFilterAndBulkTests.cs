using Crm.Grains.Interfaces.Leads;

namespace Crm.EndToEnd.Tests;

/// <summary>The lead list's filter panel, saved filters and bulk change, in the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ListFilterAndBulkTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_filter_is_applied_saved_reused_and_all_filtered_leads_get_a_new_responsible_in_bulk()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        foreach (var title in new[] { "Alpha harbour", "Beta harbour", "Gamma field" })
            Assert.Equal(System.Net.HttpStatusCode.Created, (await api.Http.PostAsJsonAsync("/api/leads", new { title })).StatusCode);
        var page = await fixture.SignedInPage(portal.AdminEmail, "/leads", "[data-testid=lead-grid] tbody tr >> nth=2");
        var rows = page.Locator("[data-testid=lead-grid] tbody tr");

        // Title contains "harbour": the first field and operator the panel offers.
        await page.Locator("[data-testid=filter-toggle]").ClickAsync();
        await page.Locator("[data-testid=filter-add]").ClickAsync();
        await page.Locator("[data-testid=filter-row] input[data-testid=filter-value]").FillAsync("harbour");
        await page.Locator("[data-testid=filter-apply]").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=lead-grid]")).Not.ToContainTextAsync("Gamma field");

        // Saved, then used again after a reload.
        await page.Locator("[data-testid=filter-panel] input[placeholder='Save as…']").FillAsync("Harbour leads");
        await page.Locator("[data-testid=preset-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=presets]")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await page.Locator("[data-testid=presets]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "Harbour leads" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        // The export holds what the list shows.
        await page.Locator("[data-testid=export]").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("Alpha harbour", csv);
        Assert.DoesNotContain("Gamma field", csv);

        // Every filtered lead gets Bob as responsible; the result says all were done.
        await page.Locator("[data-testid=bulk-all]").ClickAsync();
        await page.Locator("[data-testid=bulk-action]").Locator("..").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Change responsible" }).ClickAsync();
        await page.Locator("[data-testid=bulk-responsible]").Locator("..").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Nth(1).ClickAsync();
        // The choice is made on the server; running before it arrives would send no responsible.
        await Assertions.Expect(page.Locator("[data-testid=bulk-responsible]").Locator("..")).ToContainTextAsync("Bob Seller");
        await page.Locator("[data-testid=bulk-run]").ClickAsync();
        // Each row goes through its grain: on a loaded CI machine this can take longer than the default wait.
        await Assertions.Expect(page.Locator("[data-testid=bulk-result]")).ToContainTextAsync("2 of 2 done", new() { Timeout = 30_000 });

        var leads = (await api.Http.GetFromJsonAsync<Crm.Web.Leads.LeadPage>("/api/leads", Json))!.Items;
        Assert.Equal([("Alpha harbour", portal.SecondId), ("Beta harbour", portal.SecondId), ("Gamma field", portal.AdminId)],
            leads.OrderBy(l => l.Title).Select(l => (l.Title, l.ResponsibleId)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "lead-list-filter-bulk.png") });
    }
}
