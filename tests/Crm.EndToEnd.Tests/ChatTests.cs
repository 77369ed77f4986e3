using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// Open-channel chat in browsers: a website visitor's first message makes a lead that appears live on
/// an operator's lead board, the operator answers from the chats page, and the answer reaches the
/// visitor's window; what anyone typed shows as text, never as markup.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_visitors_first_message_appears_live_as_a_lead_and_the_operators_reply_reaches_the_visitor()
    {
        var portal = await fixture.Host.CreatePortal("Chat in browsers");
        var board = await fixture.SignedInPage(portal.AdminEmail, "/leads/board", "section.board-column[data-status-id='NEW']");
        var chats = await fixture.SignedInPage(portal.SecondEmail, "/chat", "[data-testid=chat-queue]");

        // The visitor: a page of someone's website with the widget, served from another origin (a listener of
        // the test's own on another loopback port), opened anonymously.
        using var shop = ShopSite.Start($"<html><body><h1>Shop</h1><script src=\"{fixture.Host.BaseAddress}chat/widget.js\" data-portal=\"{portal.PortalId}\"></script></body></html>");
        await using var visitorContext = await fixture.Browser.NewContextAsync();
        var site = await visitorContext.NewPageAsync();
        await site.GotoAsync(shop.Address);
        await site.Locator("[data-crm-chat=open]").ClickAsync();
        var window = site.FrameLocator("iframe[data-crm-chat=frame]");
        await window.Locator("[data-testid=chat-name]").FillAsync("<b>Vera</b>");
        await window.Locator("[data-testid=chat-text]").FillAsync("Do you ship <img src=x onerror=alert(1)> abroad?");
        await window.Locator("[data-testid=chat-send]").ClickAsync();
        await Assertions.Expect(window.Locator("[data-testid=chat-message]")).ToContainTextAsync("Do you ship <img src=x onerror=alert(1)> abroad?");

        // The lead appears on the operator's board without a reload, named as the visitor wrote it.
        await Assertions.Expect(board.Locator("section.board-column[data-status-id='NEW'] article.deal-card", new() { HasText = "Chat: <b>Vera</b>" })).ToBeVisibleAsync();

        // Bob (online on the chats page, so the conversation is his) answers.
        var item = chats.Locator("[data-testid=chat-queue-item]", new() { HasText = "<b>Vera</b>" });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await item.ClickAsync();
        await Assertions.Expect(chats.Locator("[data-testid=chat-operator-message]")).ToContainTextAsync("onerror=alert(1)");
        await chats.Locator("textarea[data-testid=chat-reply]").FillAsync("Yes, we ship to 40 countries.");
        await chats.Locator("[data-testid=chat-reply-send]").ClickAsync();

        var reply = window.Locator("[data-testid=chat-message].operator");
        await Assertions.Expect(reply).ToContainTextAsync("Yes, we ship to 40 countries.");
        await Assertions.Expect(reply).ToContainTextAsync("Bob Seller");
        // The visitor's window is open: the reply is read, and Bob sees it so.
        await Assertions.Expect(chats.Locator("[data-testid=chat-seen]")).ToBeVisibleAsync();
        await site.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "chat-visitor.png") });
        await chats.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "chat-operator.png") });
    }

    [Fact]
    public async Task A_known_clients_conversation_links_to_their_contact_card()
    {
        var portal = await fixture.Host.CreatePortal("Chat known client");
        var api = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        (await api.PostAsJsonAsync("/api/contacts", new { firstName = "Karl", lastName = "Known", emails = new[] { new { value = "karl@client.test", type = "work" } } }))
            .EnsureSuccessStatusCode();
        using var visitor = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        var session = await (await visitor.PostAsync($"/api/public/chat/{portal.PortalId}/sessions", null)).Content.ReadFromJsonAsync<JsonElement>();
        visitor.DefaultRequestHeaders.Add("X-Chat-Session", session.GetProperty("token").GetString());
        (await visitor.PostAsJsonAsync("/api/public/chat/messages", new { text = "Karl here", email = "karl@client.test" })).EnsureSuccessStatusCode();

        var chats = await fixture.SignedInPage(portal.AdminEmail, "/chat", "[data-testid=chat-queue-item]");
        await chats.Locator("[data-testid=chat-queue-item]").ClickAsync();
        await chats.Locator("[data-testid=chat-record]").ClickAsync();
        await Assertions.Expect(chats.Locator("input[data-testid=contact-last-name]")).ToHaveValueAsync("Known");
    }

    [Fact]
    public async Task A_user_whose_role_has_no_chat_right_is_told_so_on_the_chats_page_and_goes_not_online()
    {
        var portal = await fixture.Host.CreatePortal("Chat without rights");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        // Everyone's default role is emptied: Bob has no rights at all.
        (await admin.PutAsJsonAsync("/api/access/roles/1/assignees", Array.Empty<object>())).EnsureSuccessStatusCode();

        var page = await fixture.SignedInPage(portal.SecondEmail, "/chat", "[data-testid=chat-denied]");

        await Assertions.Expect(page.Locator("[data-testid=chat-denied]")).ToContainTextAsync("does not allow you to see chats");
        await Assertions.Expect(page.Locator("[data-testid=chat-queue]")).ToHaveCountAsync(0);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/chat/operators")).GetProperty("online").EnumerateArray());
    }

    [Fact]
    public async Task An_admin_gives_a_messenger_bridge_its_reply_url_on_the_chats_page_and_a_bad_one_is_refused()
    {
        var portal = await fixture.Host.CreatePortal("Chat bridges page");
        var chats = await fixture.SignedInPage(portal.AdminEmail, "/chat", "[data-testid=chat-bridges]");
        await chats.Locator("[data-testid=chat-bridges] .mud-expand-panel-header").ClickAsync();
        await chats.Locator("input[data-testid=chat-bridge-channel]").FillAsync("telegram");
        await chats.Locator("input[data-testid=chat-bridge-url]").FillAsync("http://10.0.0.1/replies");
        await chats.Locator("[data-testid=chat-bridge-save]").ClickAsync();
        await Assertions.Expect(chats.Locator(".mud-snackbar")).ToContainTextAsync("not give an IP address");
        await Assertions.Expect(chats.Locator("[data-testid=chat-bridge]")).ToHaveCountAsync(0);

        await chats.Locator("input[data-testid=chat-bridge-url]").FillAsync("https://bridge.example/replies");
        await chats.Locator("[data-testid=chat-bridge-save]").ClickAsync();
        await Assertions.Expect(chats.Locator("[data-testid=chat-bridge]")).ToHaveTextAsync("telegram: https://bridge.example/replies");
        var api = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        Assert.Equal("https://bridge.example/replies", (await api.GetFromJsonAsync<JsonElement>("/api/chat/bridges")).GetProperty("telegram").GetString());

        await chats.GetByLabel("Remove the telegram bridge").ClickAsync();
        await Assertions.Expect(chats.Locator("[data-testid=chat-bridge]")).ToHaveCountAsync(0);
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/chat/bridges")).EnumerateObject());
    }
}

/// <summary>A website of a CRM customer: one page, on a loopback port of its own, for as long as the test runs.</summary>
internal sealed class ShopSite : IDisposable
{
    private readonly System.Net.HttpListener _listener = new();

    public string Address { get; }

    private ShopSite(string address, string html)
    {
        Address = address;
        _listener.Prefixes.Add(address);
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (_listener.IsListening)
            {
                try
                {
                    var context = await _listener.GetContextAsync();
                    var body = System.Text.Encoding.UTF8.GetBytes(html);
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    // Stopped.
                }
            }
        });
    }

    public static ShopSite Start(string html)
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new ShopSite($"http://127.0.0.1:{port}/", html);
    }

    public void Dispose() => _listener.Close();
}
