using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Crm.Web.Tests.ApiAssert;
using static Crm.Web.Tests.Chat.ChatKit;

namespace Crm.Web.Tests.Chat;

/// <summary>
/// Open-channel chat through its API: a visitor's first message makes a lead (or finds the client),
/// later ones join the conversation, operators take turns, reply, read and close, and bad input is refused.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ChatApiTests(WebFixture fixture)
{
    [Fact]
    public async Task A_first_message_makes_a_lead_from_chat_and_later_messages_join_the_same_conversation()
    {
        var portal = await fixture.Host.CreatePortal("Chat leads");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var visitor = await Visitor(fixture.Host.BaseAddress, portal.PortalId);

        var first = await Say(visitor, "Hello, do you ship <b>abroad</b>?", name: "<script>x</script> Vera", phone: "+44 20 7946 0000");
        Assert.Equal("<script>x</script> Vera", first.GetProperty("visitor").GetProperty("name").GetString());
        Assert.Equal("Hello, do you ship <b>abroad</b>?", first.GetProperty("messages")[0].GetProperty("text").GetString());
        var second = await Say(visitor, "And how long does it take?");
        Assert.Equal(first.Id(), second.Id());
        Assert.Equal(2, second.GetProperty("messages").GetArrayLength());

        var queue = await admin.GetFromJsonAsync<JsonElement>("/api/chat/conversations");
        var line = Assert.Single(queue.EnumerateArray());
        var record = line.GetProperty("record");
        Assert.Equal("lead", record.GetProperty("kind").GetString());
        var lead = await admin.GetFromJsonAsync<JsonElement>($"/api/leads/{record.GetProperty("id").GetInt64()}");
        Assert.Equal("CHAT", lead.GetProperty("fields").GetProperty("sourceId").GetString());
        Assert.Equal("Chat: <script>x</script> Vera", lead.GetProperty("fields").GetProperty("title").GetString());
        // The conversation is on the lead's timeline.
        var history = await admin.GetStringAsync($"/api/leads/{record.GetProperty("id").GetInt64()}/history");
        Assert.Contains("Hello, do you ship", history);
        // One lead, however the messages came.
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/leads")).GetProperty("items").EnumerateArray(),
            l => l.GetProperty("title").GetString()!.StartsWith("Chat:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_visitor_with_a_known_e_mail_joins_their_contact_and_no_lead_is_made()
    {
        var portal = await fixture.Host.CreatePortal("Chat contacts");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var contact = await (await admin.PostAsJsonAsync("/api/contacts", new
        {
            firstName = "Known", lastName = "Client", emails = new[] { new { value = "known@client.test", type = "work" } },
        })).Content.ReadFromJsonAsync<JsonElement>();

        var conversation = await Say(await Visitor(fixture.Host.BaseAddress, portal.PortalId), "It's me again", email: "KNOWN@client.test");

        var full = await Conversation(admin, conversation.Id());
        Assert.Equal("contact", full.GetProperty("record").GetProperty("kind").GetString());
        Assert.Equal(contact.Id(), full.GetProperty("record").GetProperty("id").GetInt64());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/leads")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Online_operators_take_conversations_in_turn_reply_read_and_close()
    {
        var portal = await fixture.Host.CreatePortal("Chat operators");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        (await admin.PostAsJsonAsync("/api/chat/online", new { online = true })).EnsureSuccessStatusCode();
        (await bob.PostAsJsonAsync("/api/chat/online", new { online = true })).EnsureSuccessStatusCode();
        Assert.Equal([portal.AdminId, portal.SecondId], (await admin.GetFromJsonAsync<JsonElement>("/api/chat/operators"))
            .GetProperty("online").EnumerateArray().Select(e => e.GetInt32()));

        var operators = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var c = await Say(await Visitor(fixture.Host.BaseAddress, portal.PortalId), $"Visitor {i}");
            operators.Add((await Conversation(admin, c.Id())).GetProperty("operatorId").GetInt32());
        }
        Assert.Equal(2, operators.Distinct().Count());
        Assert.Equal(operators[0], operators[2]);
        Assert.Equal(operators[1], operators[3]);

        (await bob.PostAsJsonAsync("/api/chat/online", new { online = false })).EnsureSuccessStatusCode();
        var visitor = await Visitor(fixture.Host.BaseAddress, portal.PortalId);
        var mine = await Say(visitor, "Anyone there?");
        Assert.Equal(portal.AdminId, (await Conversation(admin, mine.Id())).GetProperty("operatorId").GetInt32());

        var replied = await (await bob.PostAsJsonAsync($"/api/chat/conversations/{mine.Id()}/messages", new { text = "Bob here" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, replied.GetProperty("operatorReadUpTo").GetInt64());
        var seenByVisitor = await (await visitor.PostAsJsonAsync("/api/public/chat/read", new { messageId = 2 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bob Seller", seenByVisitor.GetProperty("messages")[1].GetProperty("operatorName").GetString());
        Assert.Equal(2, (await Conversation(admin, mine.Id())).GetProperty("visitorReadUpTo").GetInt64());

        var assigned = await (await admin.PostAsJsonAsync($"/api/chat/conversations/{mine.Id()}/assign", new { operatorId = portal.SecondId })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(portal.SecondId, assigned.GetProperty("operatorId").GetInt32());
        await ProblemOf(await admin.PostAsJsonAsync($"/api/chat/conversations/{mine.Id()}/assign", new { operatorId = 999_999 }), HttpStatusCode.BadRequest, "unknown_user");

        (await bob.PostAsync($"/api/chat/conversations/{mine.Id()}/close", null)).EnsureSuccessStatusCode();
        await ProblemOf(await bob.PostAsJsonAsync($"/api/chat/conversations/{mine.Id()}/messages", new { text = "late" }), HttpStatusCode.Conflict, "conversation_closed");
        // The visitor writing again starts a new conversation.
        var again = await Say(visitor, "One more thing");
        Assert.NotEqual(mine.Id(), again.Id());
        Assert.Contains(mine.Id(), (await admin.GetFromJsonAsync<JsonElement>("/api/chat/conversations?closed=true")).EnumerateArray().Select(c => c.Id()));
    }

    [Fact]
    public async Task Bad_chat_input_gets_a_clear_error_and_changes_nothing()
    {
        var portal = await fixture.Host.CreatePortal("Chat bad input");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var visitor = await Visitor(fixture.Host.BaseAddress, portal.PortalId);

        async Task Refused(object body, string code, string field) =>
            Assert.Equal(field, (await ProblemOf(await visitor.PostAsJsonAsync("/api/public/chat/messages", body), HttpStatusCode.BadRequest, code)).GetProperty("field").GetString());
        await Refused(new { text = "   " }, "message_required", "text");
        await Refused(new { text = new string('x', 2001) }, "message_too_long", "text");
        await Refused(new { text = "hi", email = "not-an-address" }, "invalid_email", "email");
        await Refused(new { text = "hi", phone = "12" }, "invalid_phone", "phone");
        await Refused(new { text = "hi", name = new string('n', 101) }, "name_too_long", "name");

        using var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        await ProblemOf(await anonymous.PostAsJsonAsync("/api/public/chat/messages", new { text = "hi" }), HttpStatusCode.Forbidden, "invalid_chat_session");
        anonymous.DefaultRequestHeaders.Add("X-Chat-Session", "forged-token");
        await ProblemOf(await anonymous.PostAsJsonAsync("/api/public/chat/messages", new { text = "hi" }), HttpStatusCode.Forbidden, "invalid_chat_session");
        await ProblemOf(await anonymous.PostAsync("/api/public/chat/999999/sessions", null), HttpStatusCode.NotFound, "portal_not_found");

        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/chat/conversations")).EnumerateArray());
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/leads")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.GetAsync("/api/public/chat/conversation")).StatusCode);
    }

    [Fact]
    public async Task A_flooding_visitor_is_slowed_with_a_clear_message_and_nothing_they_sent_before_is_lost()
    {
        var portal = await fixture.Host.CreatePortal("Chat flood");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var visitor = await Visitor(fixture.Host.BaseAddress, portal.PortalId);
        await Say(visitor, "message 1");
        // Typing signals do not use up the messages a visitor may send.
        for (var i = 0; i < 25; i++) (await visitor.PostAsync("/api/public/chat/typing", null)).EnsureSuccessStatusCode();
        for (var i = 2; i <= 20; i++) await Say(visitor, $"message {i}");

        var refused = await ProblemOf(await visitor.PostAsJsonAsync("/api/public/chat/messages", new { text = "one too many" }), HttpStatusCode.TooManyRequests, "too_many_messages");
        Assert.Contains("too fast", refused.GetProperty("detail").GetString());
        // Another visitor is not slowed by it.
        await Say(await Visitor(fixture.Host.BaseAddress, portal.PortalId), "I am someone else");

        var conversation = (await admin.GetFromJsonAsync<JsonElement>("/api/chat/conversations")).EnumerateArray().Single(c => c.GetProperty("lastMessage").GetString() == "message 20");
        Assert.Equal(20, (await Conversation(admin, conversation.Id())).GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task A_messenger_bridge_posts_into_the_same_flow_with_the_portals_token()
    {
        var portal = await fixture.Host.CreatePortal("Chat bridge");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        using var bridge = await Bridge(fixture.Host.BaseAddress, admin);

        var first = await (await bridge.PostAsJsonAsync("/api/chat/inbound", new { channel = "telegram", externalUserId = "tg-42", text = "Hi from Telegram", name = "Tom" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await bridge.PostAsJsonAsync("/api/chat/inbound", new { channel = "telegram", externalUserId = "tg-42", text = "Still me" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.Id(), second.Id());
        Assert.Equal("telegram", second.GetProperty("channel").GetString());
        Assert.Equal("Tom", second.GetProperty("visitor").GetProperty("name").GetString());
        var other = await (await bridge.PostAsJsonAsync("/api/chat/inbound", new { channel = "whatsapp", externalUserId = "tg-42", text = "Different messenger" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(first.Id(), other.Id());

        await ProblemOf(await bridge.PostAsJsonAsync("/api/chat/inbound", new { channel = "site", externalUserId = "x", text = "hi" }), HttpStatusCode.BadRequest, "invalid_channel");
        await ProblemOf(await bridge.PostAsJsonAsync("/api/chat/inbound", new { channel = "Tele gram!", externalUserId = "x", text = "hi" }), HttpStatusCode.BadRequest, "invalid_channel");
        await ProblemOf(await bridge.PostAsJsonAsync("/api/chat/inbound", new { channel = "telegram", externalUserId = "", text = "hi" }), HttpStatusCode.BadRequest, "invalid_external_user");
        using var stranger = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsJsonAsync("/api/chat/inbound", new { channel = "telegram", externalUserId = "x", text = "hi" })).StatusCode);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/chat/conversations")).GetArrayLength());
    }

    [Fact]
    public async Task A_channel_with_its_own_operators_goes_only_to_them_and_only_the_settings_right_sets_them()
    {
        var portal = await fixture.Host.CreatePortal("Chat channels");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        await ProblemOf(await bob.PutAsJsonAsync("/api/chat/channels/site", new { operatorIds = new[] { portal.SecondId } }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await admin.PutAsJsonAsync("/api/chat/channels/site", new { operatorIds = new[] { 999_999 } }), HttpStatusCode.BadRequest, "unknown_user");
        await ProblemOf(await admin.PutAsJsonAsync("/api/chat/channels/Not%20one", new { operatorIds = new[] { portal.SecondId } }), HttpStatusCode.BadRequest, "invalid_channel");
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/chat/channels")).EnumerateObject());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/chat/channels/site", new { operatorIds = new[] { portal.SecondId } })).StatusCode);
        Assert.Equal([portal.SecondId], (await admin.GetFromJsonAsync<JsonElement>("/api/chat/channels")).GetProperty("site").EnumerateArray().Select(e => e.GetInt32()));
        (await admin.PostAsJsonAsync("/api/chat/online", new { online = true })).EnsureSuccessStatusCode();
        (await bob.PostAsJsonAsync("/api/chat/online", new { online = true })).EnsureSuccessStatusCode();

        // The website chat goes to Bob every time; a messenger channel without its own list, to both in turn.
        for (var i = 0; i < 3; i++)
        {
            var c = await Say(await Visitor(fixture.Host.BaseAddress, portal.PortalId), $"Site visitor {i}");
            Assert.Equal(portal.SecondId, (await Conversation(admin, c.Id())).GetProperty("operatorId").GetInt32());
        }
        var token = await (await admin.PostAsJsonAsync("/api/tokens", new { name = "Bridge" })).Content.ReadFromJsonAsync<JsonElement>();
        using var bridge = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        bridge.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        var served = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            var c = await (await bridge.PostAsJsonAsync("/api/chat/inbound", new { channel = "telegram", externalUserId = $"u{i}", text = "hi" })).Content.ReadFromJsonAsync<JsonElement>();
            served.Add(c.GetProperty("operatorId").GetInt32());
        }
        Assert.Equal([portal.AdminId, portal.SecondId], served.Order());

        // With Bob offline the website chat waits in the queue rather than going to someone else.
        (await bob.PostAsJsonAsync("/api/chat/online", new { online = false })).EnsureSuccessStatusCode();
        var waiting = await Say(await Visitor(fixture.Host.BaseAddress, portal.PortalId), "Anyone?");
        Assert.Equal(JsonValueKind.Null, (await Conversation(admin, waiting.Id())).GetProperty("operatorId").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync("/api/chat/channels/site", new { operatorIds = Array.Empty<int>() })).StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/chat/channels")).EnumerateObject());
    }
}
