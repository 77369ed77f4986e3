using System.Net;

namespace Crm.EndToEnd.Tests;

/// <summary>The users settings page: an admin adds a user there, who can sign in, and deactivates them there, who then cannot.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UserSettingsPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_admin_adds_a_user_on_the_page_and_deactivates_them_there()
    {
        var portal = await fixture.Host.CreatePortal();
        var page = await fixture.SignedInPage(portal.AdminEmail, "/settings/users", "[data-testid=user-table]");
        var email = $"page-{Guid.NewGuid():N}@test.local";
        const string password = "a-good-long-password";

        await page.Locator("[data-testid=user-add]").ClickAsync();
        await page.Locator("input[data-testid=new-user-email]").FillAsync(email);
        await page.Locator("input[data-testid=new-user-name]").FillAsync("Paula Page");
        await page.Locator("input[data-testid=new-user-password]").FillAsync(password);
        await page.Locator("[data-testid=new-user-save]").ClickAsync();

        var row = page.Locator("[data-testid=user-table] tbody tr", new() { HasText = email });
        await Assertions.Expect(row).ToContainTextAsync("Paula Page");
        await Assertions.Expect(row.Locator("[data-testid=user-status]")).ToHaveTextAsync("active");
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password })).StatusCode);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, "user-settings.png"), FullPage = true });

        await row.Locator("[data-testid=user-deactivate]").ClickAsync();
        await page.Locator(".mud-dialog button:has-text('Deactivate')").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=user-status]")).ToHaveTextAsync("deactivated");
        await Assertions.Expect(row.Locator("[data-testid=user-reactivate]")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password })).StatusCode);
    }

    [Fact]
    public async Task An_admin_revokes_another_users_token_from_the_users_page()
    {
        var portal = await fixture.Host.CreatePortal();
        var bob = await fixture.Host.SignIn(portal.SecondEmail);
        var created = await (await bob.Http.PostAsJsonAsync("/api/tokens", new { name = "Nightly export" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        using var bearer = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", created.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/leads")).StatusCode);
        var page = await fixture.SignedInPage(portal.AdminEmail, "/settings/users", "[data-testid=user-table]");

        await page.Locator($"[data-testid=user-table] tr[data-id='{portal.SecondId}'] [data-testid=user-tokens-open]").ClickAsync();
        var token = page.Locator("[data-testid=user-tokens] tbody tr", new() { HasText = "Nightly export" });
        await Assertions.Expect(token.Locator("[data-testid=token-status]")).ToHaveTextAsync("active");
        await token.Locator("[data-testid=token-revoke]").ClickAsync();
        await page.Locator(".mud-dialog", new() { HasText = "cannot be undone" }).Locator("button:has-text('Revoke')").ClickAsync();

        await Assertions.Expect(token.Locator("[data-testid=token-status]")).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/leads")).StatusCode);
    }

    [Fact]
    public async Task A_user_who_is_not_admin_is_told_the_page_is_for_admins()
    {
        var portal = await fixture.Host.CreatePortal();
        var page = await fixture.SignedInPage(portal.SecondEmail, "/settings/users", "[data-testid=users-not-admin]");
        await Assertions.Expect(page.Locator("[data-testid=user-table]")).ToHaveCountAsync(0);
    }
}
