using System.Net;
using System.Net.Http.Headers;

namespace Crm.EndToEnd.Tests;

/// <summary>The API token settings page: a token made there shows its secret once, works, and stops working when revoked there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiTokenPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_token_created_on_the_page_calls_the_api_until_it_is_revoked_there()
    {
        var portal = await fixture.Host.CreatePortal();
        var page = await fixture.SignedInPage(portal.SecondEmail, "/settings/tokens", "[data-testid=token-table]");

        await page.GetByLabel("Name of a new token").FillAsync("Reporting script");
        await page.Locator("[data-testid=token-create]").ClickAsync();
        var secret = await page.Locator("[data-testid=token-created] input").InputValueAsync();
        Assert.StartsWith("crm_", secret);
        var row = page.Locator("[data-testid=token-table] tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Reporting script");
        await Assertions.Expect(row).ToContainTextAsync("active");

        using var api = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/leads")).StatusCode);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "api-tokens.png"), FullPage = true });

        await row.Locator("[data-testid=token-revoke]").ClickAsync();
        await page.Locator(".mud-dialog button:has-text('Revoke')").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        // The secret is gone from the page once its token is revoked, and it is never in the table.
        await Assertions.Expect(page.Locator("[data-testid=token-created]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/leads")).StatusCode);
    }
}
