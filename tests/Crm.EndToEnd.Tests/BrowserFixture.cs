namespace Crm.EndToEnd.Tests;

/// <summary>
/// The real app on a loopback port and Debian's Chromium driven by Playwright (no browser download).
/// Screenshots go to TestResults/screenshots for the CI artifacts.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The API's JSON settings, for reading its answers.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    /// <summary>A board column of a page, by stage id.</summary>
    public static ILocator Column(IPage page, string stageId) => page.Locator($"section.board-column[data-stage-id='{stageId}']");

    public CrmTestHost Host { get; private set; } = default!;
    public string ConnectionString { get; private set; } = "";
    public TestPortal Portal { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    private IPlaywright _playwright = default!;

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(Repository.Root, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>
    /// How long a browser step may wait for the page: CI runs the whole suite on two cores, where a
    /// Blazor round trip under load can take seconds (Playwright's 5 s default made waits flaky).
    /// </summary>
    private const float StepTimeoutMs = 15_000;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(StepTimeoutMs);
        ConnectionString = await PostgresServer.Instance.CreateDatabase("e2e");
        Host = await CrmTestHost.Start(ConnectionString, $"e2e-{Guid.NewGuid():N}");
        Portal = await Host.CreatePortal("Browser portal");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new browser context signed in through the login form, showing the given page once <paramref name="readySelector"/> is visible.</summary>
    public async Task<IPage> SignedInPage(string email, string path, string readySelector)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseAddress.ToString(), ViewportSize = new() { Width = 1600, Height = 900 } });
        context.SetDefaultTimeout(StepTimeoutMs);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/login?returnUrl={Uri.EscapeDataString(path)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", TestPortal.Password);
        await page.ClickAsync("button[type=submit]");
        await page.Locator(readySelector).WaitForAsync();
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
    }

}

/// <summary>
/// One app and one browser for all browser tests, run one test at a time: on two cores, parallel
/// browsers would only make each other slow. Tests isolate themselves with portals of their own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
