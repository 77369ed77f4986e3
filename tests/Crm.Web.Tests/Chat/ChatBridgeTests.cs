using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.TestSupport;
using static Crm.Web.Tests.ApiAssert;
using static Crm.Web.Tests.Chat.ChatKit;

namespace Crm.Web.Tests.Chat;

/// <summary>
/// A messenger bridge is told of operators' replies and of the conversation's end: posted to its reply
/// URL through the outbox (a real listener on this machine), signed with the portal's webhook secret.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ChatBridgeTests(WebFixture fixture)
{
    [Fact]
    public async Task Operator_replies_and_the_end_of_a_messenger_conversation_are_posted_to_its_bridge_signed()
    {
        var portal = await fixture.Host.CreatePortal("Bridge replies");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        await using var receiver = await TestWebhookReceiver.Start();
        using var bridge = await Bridge(fixture.Host.BaseAddress, admin);
        var conversation = await Inbound(bridge, "tg-7", "Do you ship to Oslo?");
        // A reply before the bridge has a URL is the bridge's to read; it is not sent when one is set later.
        await Reply(admin, conversation, "Let me check");

        var url = $"http://localhost:{receiver.Port}/telegram";
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/chat/bridges/telegram", new { replyUrl = url })).StatusCode);
        Assert.Equal(url, (await admin.GetFromJsonAsync<JsonElement>("/api/chat/bridges")).GetProperty("telegram").GetString());
        await Reply(admin, conversation, "Yes, in two days");
        await Reply(admin, await Say(await Visitor(fixture.Host.BaseAddress, portal.PortalId), "Website question"), "Website answer");
        Assert.True((await admin.PostAsync($"/api/chat/conversations/{conversation}/close", null)).IsSuccessStatusCode);

        var calls = await Received(receiver, 2);
        var secret = (await admin.GetFromJsonAsync<JsonElement>("/api/outbox/webhook-secret")).GetProperty("secret").GetString()!;
        var reply = JsonDocument.Parse(calls[0].Body).RootElement;
        Assert.Equal(("/telegram", $"chat:{conversation}:message:3"), (calls[0].Path, calls[0].IdempotencyKey));
        Assert.Equal(("chat.reply", "telegram", "tg-7", conversation, 3L, "Yes, in two days", "Alice Admin"),
            (reply.GetProperty("event").GetString(), reply.GetProperty("channel").GetString(), reply.GetProperty("externalUserId").GetString(),
             reply.GetProperty("conversationId").GetInt64(), reply.GetProperty("messageId").GetInt64(), reply.GetProperty("text").GetString(),
             reply.GetProperty("operator").GetProperty("name").GetString()));
        var closed = JsonDocument.Parse(calls[1].Body).RootElement;
        Assert.Equal(("chat.closed", "tg-7", conversation, $"chat:{conversation}:closed"),
            (closed.GetProperty("event").GetString(), closed.GetProperty("externalUserId").GetString(), closed.GetProperty("conversationId").GetInt64(), calls[1].IdempotencyKey));
        Assert.All(calls, call => Assert.True(SignedWith(secret, call), $"{call.Signature} does not sign {call.Body}"));
        // Nothing else went out: not the early reply, not the website chat's.
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/outbox")).GetProperty("total").GetInt64());

        // Without its URL the bridge reads replies itself again.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/chat/bridges/telegram")).StatusCode);
        await Reply(admin, await Inbound(bridge, "tg-8", "Another one"), "Read me yourself");
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/outbox")).GetProperty("total").GetInt64());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/chat/bridges")).EnumerateObject());
    }

    [Theory]
    [InlineData("telegram", "http://127.0.0.1:9/hook", "webhook_url_ip_address")]
    [InlineData("telegram", "ftp://bridge.example/hook", "webhook_url_scheme")]
    [InlineData("telegram", "https://user:pw@bridge.example/hook", "webhook_url_credentials")]
    [InlineData("telegram", "not a url", "webhook_url_invalid")]
    [InlineData("telegram", "", "webhook_url_required")]
    [InlineData("site", "https://bridge.example/hook", "invalid_channel")]
    [InlineData("Tele gram", "https://bridge.example/hook", "invalid_channel")]
    public async Task A_bad_bridge_is_refused_and_changes_nothing(string channel, string replyUrl, string code)
    {
        var portal = await fixture.Host.CreatePortal("Bad bridge");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/chat/bridges/whatsapp", new { replyUrl = "https://bridge.example/wa" })).StatusCode);

        await ProblemOf(await admin.PutAsJsonAsync($"/api/chat/bridges/{Uri.EscapeDataString(channel)}", new { replyUrl }), HttpStatusCode.BadRequest, code);

        var bridges = await admin.GetFromJsonAsync<Dictionary<string, string>>("/api/chat/bridges");
        Assert.Equal(new Dictionary<string, string> { ["whatsapp"] = "https://bridge.example/wa" }, bridges);
    }

    [Fact]
    public async Task Only_the_settings_right_reads_or_changes_bridges()
    {
        var portal = await fixture.Host.CreatePortal("Bridge rights");
        var seller = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        await AccessSetup.OnlyRole((await fixture.Host.SignIn(portal.AdminEmail)).Http, portal.SecondId, "Sellers");

        Assert.Equal(HttpStatusCode.Forbidden, (await seller.GetAsync("/api/chat/bridges")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.PutAsJsonAsync("/api/chat/bridges/telegram", new { replyUrl = "https://bridge.example/tg" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.DeleteAsync("/api/chat/bridges/telegram")).StatusCode);
    }

    private static async Task<long> Inbound(HttpClient bridge, string externalUserId, string text)
    {
        var response = await bridge.PostAsJsonAsync("/api/chat/inbound", new { channel = "telegram", externalUserId, text });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Id();
    }

    private static Task Reply(HttpClient admin, JsonElement conversation, string text) => Reply(admin, conversation.Id(), text);

    private static async Task Reply(HttpClient admin, long conversation, string text)
    {
        var response = await admin.PostAsJsonAsync($"/api/chat/conversations/{conversation}/messages", new { text });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The receiver's calls once it has <paramref name="count"/>, in the order they were made.</summary>
    private static async Task<List<ReceivedCall>> Received(TestWebhookReceiver receiver, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (receiver.Calls.Count < count) await Task.Delay(50, timeout.Token);
        return [.. receiver.Calls.OrderBy(c => c.At)];
    }

    private static bool SignedWith(string secret, ReceivedCall call)
    {
        var parts = (call.Signature ?? "").Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{call.Body}"));
        return Convert.ToHexStringLower(mac) == parts["v1"];
    }
}
