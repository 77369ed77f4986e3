using Crm.Grains.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.EndToEnd.Tests;

/// <summary>The outbox settings page: an admin sees the portal's messages, retries a held one, and reveals the webhook secret.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OutboxPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_sees_a_held_email_retries_it_and_reveals_the_webhook_secret()
    {
        var portal = await fixture.Host.CreatePortal();
        var outbox = fixture.Host.Services.GetRequiredService<IOutbox>();
        // The test host has no SMTP server: the e-mail is held.
        await outbox.Enqueue(new OutboxMessage(portal.PortalId, OutboxKind.Email, "page:1", "client@example.com", "Your quote", "Hello.", "deal", 1));
        var page = await fixture.SignedInPage(portal.AdminEmail, "/settings/outbox", "[data-testid=outbox-grid]");

        var row = page.Locator("[data-testid=outbox-grid] tbody tr", new() { HasText = "Your quote" });
        await Assertions.Expect(row).ToContainTextAsync("client@example.com");
        // It may still be on its way to 'held' when the page first loads.
        var status = row.Locator("[data-testid=outbox-row-status]");
        for (var deadline = DateTime.UtcNow.AddSeconds(15); await status.InnerTextAsync() != "held"; await Task.Delay(200))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The message stayed {await status.InnerTextAsync()}");
            await page.Locator("[data-testid=outbox-refresh]").ClickAsync();
        }
        await Assertions.Expect(row).ToContainTextAsync("Crm:Smtp:Host");

        await row.Locator("[data-testid=outbox-retry]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("is being sent again");

        await page.Locator("[data-testid=webhook-secret-show]").ClickAsync();
        await Assertions.Expect(page.Locator("input[data-testid=webhook-secret-value]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_[0-9a-f]{64}$"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "outbox-settings.png"), FullPage = true });
    }

    [Fact]
    public async Task A_user_who_is_not_admin_is_told_the_page_is_for_admins()
    {
        var portal = await fixture.Host.CreatePortal();
        var page = await fixture.SignedInPage(portal.SecondEmail, "/settings/outbox", "[data-testid=outbox-not-admin]");
        await Assertions.Expect(page.Locator("[data-testid=outbox-grid]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=webhook-secret]")).ToHaveCountAsync(0);
    }
}
