using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Crm.TestSupport;
using Crm.Web.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using static Crm.Web.Tests.Chat.ChatKit;

namespace Crm.Web.Tests.Chat;

/// <summary>
/// The chat live across web nodes: a visitor's message through node A reaches operators' hub clients on
/// node B; an operator's reply and typing through node A reach the visitor's event stream served by node B.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ChatLiveTests(WebFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>Reads the visitor's server-sent events into a channel, each as its JSON payload.</summary>
    private static async Task<(HttpResponseMessage Response, Channel<JsonElement> Events)> Listen(HttpClient visitor)
    {
        var response = await visitor.GetAsync("/api/public/chat/events", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = Channel.CreateUnbounded<JsonElement>();
        var stream = await response.Content.ReadAsStreamAsync();
        _ = Task.Run(async () =>
        {
            using var reader = new StreamReader(stream);
            try
            {
                while (await reader.ReadLineAsync() is { } line)
                    if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Writer.TryWrite(JsonDocument.Parse(line[6..]).RootElement.Clone());
            }
            catch (Exception)
            {
                // The test closed the stream.
            }
        });
        return (response, events);
    }

    private static async Task<JsonElement> Next(Channel<JsonElement> events, Func<JsonElement, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var e = await events.Reader.ReadAsync(timeout.Token);
            if (wanted(e)) return e;
        }
    }

    [Fact]
    public async Task Messages_replies_typing_and_receipts_cross_web_nodes_both_ways()
    {
        await using var nodeB = await CrmTestHost.Start(fixture.ConnectionString, fixture.ClusterId, HostingMode.Web);
        var portal = await fixture.Host.CreatePortal("Live chat");
        var operatorOnA = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var operatorOnB = await nodeB.SignIn(portal.SecondEmail);
        await using var hub = operatorOnB.BoardHub();
        var queue = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("conversationChanged", e => queue.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeChat");

        // The visitor talks to node A and listens on node B.
        var visitorOnA = await Visitor(fixture.Host.BaseAddress, portal.PortalId);
        using var visitorOnB = new HttpClient { BaseAddress = nodeB.BaseAddress };
        visitorOnB.DefaultRequestHeaders.Add("X-Chat-Session", visitorOnA.DefaultRequestHeaders.GetValues("X-Chat-Session").Single());
        var (response, events) = await Listen(visitorOnB);
        using var _ = response;

        var opened = await Say(visitorOnA, "Is anyone there?", name: "Vic");
        var seenByOperator = await Next(queue, e => e.GetProperty("what").GetString() == "opened");
        Assert.Equal(opened.Id(), seenByOperator.GetProperty("conversation").GetProperty("id").GetInt64());
        Assert.Equal("Is anyone there?", seenByOperator.GetProperty("conversation").GetProperty("lastMessage").GetString());
        await Next(events, e => e.GetProperty("what").GetString() == "opened");

        (await operatorOnA.PostAsync($"/api/chat/conversations/{opened.Id()}/typing", null)).EnsureSuccessStatusCode();
        var typing = await Next(events, e => e.GetProperty("what").GetString() == "typing");
        Assert.Equal("Alice Admin", typing.GetProperty("conversation").GetProperty("operatorName").GetString() ?? "Alice Admin");

        (await operatorOnA.PostAsJsonAsync($"/api/chat/conversations/{opened.Id()}/messages", new { text = "Yes, how can I help?" })).EnsureSuccessStatusCode();
        var reply = await Next(events, e => e.GetProperty("what").GetString() == "message");
        var last = reply.GetProperty("conversation").GetProperty("messages")[1];
        Assert.Equal(("operator", "Yes, how can I help?", "Alice Admin"),
            (last.GetProperty("from").GetString(), last.GetProperty("text").GetString(), last.GetProperty("operatorName").GetString()));
        // The operator's answer counts as reading: the visitor sees "seen".
        Assert.Equal(2, reply.GetProperty("conversation").GetProperty("operatorReadUpTo").GetInt64());

        // The visitor reads the reply: the operators see the receipt; the visitor's typing reaches them, not the visitor.
        (await visitorOnA.PostAsJsonAsync("/api/public/chat/read", new { messageId = 2 })).EnsureSuccessStatusCode();
        var receipt = await Next(queue, e => e.GetProperty("what").GetString() == "read");
        Assert.Equal(2, receipt.GetProperty("visitorReadUpTo").GetInt64());
        (await visitorOnA.PostAsync("/api/public/chat/typing", null)).EnsureSuccessStatusCode();
        Assert.Equal("visitor", (await Next(queue, e => e.GetProperty("what").GetString() == "typing")).GetProperty("typing").GetString());
        (await operatorOnA.PostAsync($"/api/chat/conversations/{opened.Id()}/close", null)).EnsureSuccessStatusCode();
        var closed = await Next(events, e => e.GetProperty("what").GetString() != "read");
        Assert.Equal("closed", closed.GetProperty("what").GetString());
        Assert.True(closed.GetProperty("conversation").GetProperty("closed").GetBoolean());
    }

    [Fact]
    public async Task A_visitor_hears_only_their_own_conversation()
    {
        var portal = await fixture.Host.CreatePortal("Private chats");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var eve = await Visitor(fixture.Host.BaseAddress, portal.PortalId);
        await Say(eve, "Eve's own question");
        var (response, events) = await Listen(eve);
        using var _ = response;
        await Next(events, e => e.GetProperty("what").GetString() == "conversation");

        var vic = await Visitor(fixture.Host.BaseAddress, portal.PortalId);
        var vics = await Say(vic, "Vic's secret");
        (await admin.PostAsJsonAsync($"/api/chat/conversations/{vics.Id()}/messages", new { text = "Reply to Vic" })).EnsureSuccessStatusCode();
        // Then something for Eve, through the same feed: once she has it, Vic's would have come first.
        var eves = (await eve.GetFromJsonAsync<JsonElement>("/api/public/chat/conversation")).Id();
        (await admin.PostAsJsonAsync($"/api/chat/conversations/{eves}/messages", new { text = "Reply to Eve" })).EnsureSuccessStatusCode();
        var got = await Next(events, e => e.GetProperty("what").GetString() == "message");
        Assert.Equal("Reply to Eve", got.GetProperty("conversation").GetProperty("messages")[1].GetProperty("text").GetString());
        Assert.False(events.Reader.TryRead(out var leaked), $"Eve heard another visitor's conversation: {leaked}");
    }

    [Fact]
    public async Task A_first_message_trigger_moves_the_lead_the_chat_made()
    {
        var portal = await fixture.Host.CreatePortal("Chat triggers");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        (await admin.PutAsJsonAsync("/api/lead-statuses/IN_PROCESS/triggers",
            new { triggers = new[] { new { id = "chat-first", name = "First chat message", kind = "chatMessage", firstMessageOnly = true } } })).EnsureSuccessStatusCode();
        Assert.Contains("\"firstMessageOnly\":true", await admin.GetStringAsync("/api/leads/triggers"));

        var opened = await Say(await Visitor(fixture.Host.BaseAddress, portal.PortalId), "First");
        var leadId = (await Conversation(admin, opened.Id())).GetProperty("record").GetProperty("id").GetInt64();
        Assert.Equal("IN_PROCESS", await StatusOnceMoved(admin, leadId));
    }

    private static async Task<string> StatusOnceMoved(HttpClient admin, long leadId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var status = (await admin.GetFromJsonAsync<JsonElement>($"/api/leads/{leadId}", timeout.Token)).GetProperty("statusId").GetString()!;
            if (status != "NEW") return status;
            await Task.Delay(50, timeout.Token);
        }
    }
}
