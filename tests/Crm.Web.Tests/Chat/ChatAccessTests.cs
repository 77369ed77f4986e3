using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Crm.Web.Tests.ActivityStream;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Crm.Web.Tests.ApiAssert;
using static Crm.Web.Tests.Chat.ChatKit;

namespace Crm.Web.Tests.Chat;

/// <summary>
/// The role's chat rights decide which conversations a user sees and works, by the conversation's
/// operator: here Bob may see and work his own, and the waiting ones; Nina has no chat right at all.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ChatAccessTests(WebFixture fixture)
{
    private sealed record People(Crm.TestSupport.TestPortal Portal, HttpClient Admin, HttpClient Bob, int NinaId, string NinaEmail);

    private async Task<People> Setup(string name)
    {
        var portal = await fixture.Host.CreatePortal(name);
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        await AccessSetup.OnlyRole(admin, portal.SecondId, "Own chats",
            new { entity = "chat", action = "read", scope = "own" }, new { entity = "chat", action = "edit", scope = "own" });
        var (ninaId, ninaEmail) = await StreamKit.AddUser(admin, "Nina Nochat");
        return new People(portal, admin, (await fixture.Host.SignIn(portal.SecondEmail)).Http, ninaId, ninaEmail);
    }

    private async Task<long> Opened(int portalId, string text) => (await Say(await Visitor(fixture.Host.BaseAddress, portalId), text)).Id();

    private static async Task Assign(HttpClient admin, long conversation, int operatorId) =>
        Assert.True((await admin.PostAsJsonAsync($"/api/chat/conversations/{conversation}/assign", new { operatorId })).IsSuccessStatusCode);

    [Fact]
    public async Task An_operator_with_own_rights_sees_and_works_only_their_own_and_the_waiting_conversations()
    {
        var (portal, admin, bob, ninaId, ninaEmail) = await Setup("Chat rights");
        var waiting = await Opened(portal.PortalId, "Anyone?");
        var bobs = await Opened(portal.PortalId, "For Bob");
        var alices = await Opened(portal.PortalId, "For Alice");
        await Assign(admin, bobs, portal.SecondId);
        await Assign(admin, alices, portal.AdminId);

        var queue = await bob.GetFromJsonAsync<JsonElement>("/api/chat/conversations");
        Assert.Equal([waiting, bobs], queue.EnumerateArray().Select(c => c.Id()).Order());
        await ProblemOf(await bob.GetAsync($"/api/chat/conversations/{alices}"), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await bob.PostAsJsonAsync($"/api/chat/conversations/{alices}/messages", new { text = "Mine now" }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await bob.PostAsync($"/api/chat/conversations/{alices}/close", null), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await bob.PostAsJsonAsync($"/api/chat/conversations/{alices}/assign", new { operatorId = portal.SecondId }), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(1, (await Conversation(admin, alices)).GetProperty("messages").GetArrayLength());

        Assert.True((await bob.PostAsJsonAsync($"/api/chat/conversations/{bobs}/messages", new { text = "Hello from Bob" })).IsSuccessStatusCode);
        // Answering a waiting conversation takes it.
        var taken = await (await bob.PostAsJsonAsync($"/api/chat/conversations/{waiting}/messages", new { text = "I'm here" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(portal.SecondId, taken.GetProperty("operatorId").GetInt32());

        // Nina's role gives no chat right: no queue, no presence, and nobody can hand her a conversation.
        var nina = (await fixture.Host.SignIn(ninaEmail, StreamKit.Password)).Http;
        await ProblemOf(await nina.GetAsync("/api/chat/conversations"), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await nina.PostAsJsonAsync("/api/chat/online", new { online = true }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await admin.PostAsJsonAsync($"/api/chat/conversations/{alices}/assign", new { operatorId = ninaId }), HttpStatusCode.BadRequest, "not_an_operator");
        Assert.DoesNotContain(ninaId, (await admin.GetFromJsonAsync<JsonElement>("/api/chat/operators")).GetProperty("online").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task A_conversation_handed_out_of_an_operators_reach_leaves_their_live_queue_and_sends_them_nothing_more()
    {
        var (portal, admin, _, _, ninaEmail) = await Setup("Chat rights live");
        await using var hub = (await fixture.Host.SignIn(portal.SecondEmail)).BoardHub();
        var events = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("conversationChanged", e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeChat");

        var waiting = await Opened(portal.PortalId, "Anyone?");
        Assert.Equal(("opened", waiting), Of(await Next(events)));
        await Assign(admin, waiting, portal.AdminId);
        Assert.Equal(("removed", waiting), Of(await Next(events)));
        Assert.True((await admin.PostAsJsonAsync($"/api/chat/conversations/{waiting}/messages", new { text = "Alice here" })).IsSuccessStatusCode);
        var next = await Opened(portal.PortalId, "Another visitor");
        // The next event is the new conversation's: Alice's reply did not reach Bob.
        Assert.Equal(("opened", next), Of(await Next(events)));

        await using var ninaHub = (await fixture.Host.SignIn(ninaEmail, StreamKit.Password)).BoardHub();
        await ninaHub.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => ninaHub.InvokeAsync("SubscribeChat"));
        Assert.Contains("does not allow you to see chats", refused.Message);
    }

    private static (string, long) Of(JsonElement e) => (e.GetProperty("what").GetString()!, e.GetProperty("conversation").GetProperty("id").GetInt64());

    private static async Task<JsonElement> Next(Channel<JsonElement> events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await events.Reader.ReadAsync(timeout.Token);
    }
}
