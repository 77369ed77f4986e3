using Crm.Grains.Interfaces.Leads;

namespace Crm.EndToEnd.Tests;

/// <summary>The selection-list settings page: lead status edits saved there reshape a lead board open in another browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ListSettingsTests(BrowserFixture fixture)
{
    private static ILocator ColumnNames(IPage page) => page.Locator("section.board-column .column-name");

    [Fact]
    public async Task Renaming_adding_and_moving_statuses_reshapes_the_lead_board_of_another_browser_and_a_status_in_use_stays()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var lead = (await (await api.Http.PostAsJsonAsync("/api/leads", new { title = "Waiting lead", statusId = "PROCESSED" })).Content.ReadFromJsonAsync<Lead>(Json))!;

        var settings = await fixture.SignedInPage(portal.AdminEmail, "/settings/lists", "[data-testid=list-table]");
        var board = await fixture.SignedInPage(portal.SecondEmail, "/leads/board", "[data-testid=lead-board]");
        await Assertions.Expect(ColumnNames(board)).ToHaveTextAsync(["New", "In process", "Processed", "Good lead", "Junk lead"]);

        // Rename the first status, add one (it lands after the last in-progress status) and move it up once.
        await settings.Locator("tr[data-item-id='NEW'] input").First.FillAsync("Fresh leads");
        await settings.GetByLabel("New status").FillAsync("Meeting set");
        await settings.Locator("[data-testid=add-item]").ClickAsync();
        await settings.Locator("tr[data-item-id=''] button[aria-label='Move up']").ClickAsync();
        await settings.Locator("[data-testid=save-list]").ClickAsync();
        await Assertions.Expect(settings.Locator(".mud-snackbar")).ToContainTextAsync("Lead statuses saved");

        await Assertions.Expect(ColumnNames(board)).ToHaveTextAsync(["Fresh leads", "In process", "Meeting set", "Processed", "Good lead", "Junk lead"]);
        await Assertions.Expect(board.Locator("section.board-column[data-status-id='MEETING_SET']")).ToBeVisibleAsync();
        await Assertions.Expect(board.Locator($"section.board-column[data-status-id='PROCESSED'] [data-lead-id='{lead.Id}']")).ToBeVisibleAsync();

        // Removing the status the lead is in is refused with the reason; nothing changes anywhere.
        await settings.Locator("tr[data-item-id='PROCESSED'] [data-testid=item-remove]").ClickAsync();
        await settings.Locator("[data-testid=save-list]").ClickAsync();
        await Assertions.Expect(settings.Locator("[data-testid=list-error]")).ToContainTextAsync("'Processed' (PROCESSED) is used by 1 lead");
        await Assertions.Expect(ColumnNames(board)).ToHaveTextAsync(["Fresh leads", "In process", "Meeting set", "Processed", "Good lead", "Junk lead"]);
        var stored = (await api.Http.GetFromJsonAsync<List<Crm.Grains.Interfaces.Settings.LeadStatus>>("/api/lists/lead-statuses", Json))!;
        Assert.Contains("PROCESSED", stored.Select(s => s.Id));
        await settings.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "list-settings.png"), FullPage = true });
        await board.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "lead-board-after-list-edit.png"), FullPage = true });
    }
}
