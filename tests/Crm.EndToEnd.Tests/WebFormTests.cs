namespace Crm.EndToEnd.Tests;

/// <summary>
/// A web form from end to end in real browsers: an admin publishes it on the settings page, a visitor
/// with no account fills in its public page (first wrongly, then rightly), and the lead it becomes
/// appears live on the lead board the admin is watching.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebFormTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_visitors_entry_on_a_published_form_appears_live_as_a_lead_on_the_board()
    {
        var portal = await fixture.Host.CreatePortal();
        var admin = await fixture.SignedInPage(portal.AdminEmail, "/settings/forms", "[data-testid=web-forms]");
        await admin.Locator("[data-testid=web-form-add]").ClickAsync();
        await admin.Locator("input[data-testid=web-form-id]").FillAsync("Talk");
        await admin.Locator("input[data-testid=web-form-name]").FillAsync("Talk to sales");
        await admin.Locator("[data-testid=web-form-save]").ClickAsync();
        // The id is checked where it was typed; nothing is saved.
        await Assertions.Expect(admin.Locator("[data-testid=web-form-editor]")).ToContainTextAsync("lower-case letters");
        await Assertions.Expect(admin.Locator("[data-testid=web-forms-empty]")).ToBeVisibleAsync();

        await admin.Locator("input[data-testid=web-form-id]").FillAsync("talk");
        await admin.Locator("[data-testid=web-form-save]").ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=web-form-talk]")).ToContainTextAsync("Talk to sales");
        await Assertions.Expect(admin.Locator("[data-testid=web-form-snippet]")).ToContainTextAsync($"/forms/{portal.PortalId}/talk\"");

        await admin.GotoAsync("/leads/board");
        await Assertions.Expect(admin.Locator("[data-testid=lead-board]")).ToBeVisibleAsync();

        // The visitor: another browser context, no cookie.
        await using var visitorContext = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Host.BaseAddress.ToString() });
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync($"/forms/{portal.PortalId}/talk");
        await visitor.Locator("input[name=name]").FillAsync("Ann <b>Lee</b>");
        await visitor.Locator("textarea[name=message]").FillAsync("Call me about prices.");
        await visitor.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(visitor.Locator(".error[data-for=email]")).ToContainTextAsync("Leave an e-mail or a phone number");

        await visitor.Locator("input[name=email]").FillAsync("ann@harbour.example");
        await visitor.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(visitor.Locator("#crm-done")).ToHaveTextAsync("Thank you! We will be in touch soon.");
        await Assertions.Expect(visitor.Locator("#crm-form")).ToBeHiddenAsync();

        // The name is text, not markup, on the card.
        var card = admin.Locator("section.board-column[data-status-id='NEW'] [data-lead-id]", new() { HasText = "Talk to sales: Ann <b>Lee</b>" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "web-form-sent.png"), FullPage = true });
    }
}
