using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Crm.Web.Tests.ApiAssert;
using static Crm.Web.Tests.ActivityStream.StreamKit;

namespace Crm.Web.Tests.ActivityStream;

/// <summary>
/// The activity stream through its API: posts reach their audience only, rich text arrives sanitised,
/// mentions notify, comments thread one level, reactions and pins are per user, and bad input changes nothing.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StreamApiTests(WebFixture fixture)
{
    [Fact]
    public async Task A_post_to_everyone_is_sanitised_mentions_notify_and_comments_thread_one_level()
    {
        var portal = await fixture.Host.CreatePortal("Stream basics");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;

        var post = await Post(admin, $"<p>Hello <b>team</b><script>alert(1)</script><img src=x onerror=alert(2)> " +
            $"<a data-mention=\"user:{portal.SecondId}\">@Bob</a> <a href=\"javascript:alert(3)\">bad</a></p>");
        var text = post.GetProperty("text").GetString()!;
        Assert.Contains("<b>team</b>", text);
        Assert.DoesNotContain("script", text);
        Assert.DoesNotContain("onerror", text);
        Assert.DoesNotContain("javascript", text);
        Assert.Contains($"data-mention=\"user:{portal.SecondId}\"", text);
        Assert.Equal([portal.SecondId], post.GetProperty("mentionedUserIds").EnumerateArray().Select(e => e.GetInt32()));

        Assert.Contains(post.Id(), await Stream(bob));
        var notes = await bob.GetFromJsonAsync<JsonElement>("/api/notifications");
        var mention = notes.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "mention");
        Assert.Equal("post", mention.GetProperty("recordType").GetString());
        Assert.Equal(post.Id(), mention.GetProperty("recordId").GetInt64());
        Assert.Contains("mentioned you in a post: Hello team @Bob bad", mention.GetProperty("text").GetString());

        var commented = await (await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/comments", new { text = "First!\nSecond line" })).Content.ReadFromJsonAsync<JsonElement>();
        var first = commented.GetProperty("comments")[0];
        Assert.Equal("First!<br>Second line", first.GetProperty("text").GetString());
        var reply = await admin.PostAsJsonAsync($"/api/stream/{post.Id()}/comments", new { text = "A reply", parentId = first.GetProperty("id").GetInt64() });
        var replyId = (await reply.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("comments")[1].GetProperty("id").GetInt64();
        // A reply to a reply joins the first comment's thread: one level only.
        var nested = await (await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/comments", new { text = "Deeper", parentId = replyId })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("id").GetInt64(), nested.GetProperty("comments")[2].GetProperty("parentId").GetInt64());
        // The author hears of Bob's comments.
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>("/api/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "comment" && n.GetProperty("recordId").GetInt64() == post.Id());

        // Reactions: one per user, replaced by another, taken back with null.
        await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/reactions", new { reaction = "like" });
        await admin.PostAsJsonAsync($"/api/stream/{post.Id()}/reactions", new { reaction = "like" });
        var reacted = await (await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/reactions", new { reaction = "laugh" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([portal.AdminId], reacted.GetProperty("reactions").GetProperty("like").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([portal.SecondId], reacted.GetProperty("reactions").GetProperty("laugh").EnumerateArray().Select(e => e.GetInt32()));
        var back = await (await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/reactions", new { reaction = (string?)null })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(back.GetProperty("reactions").TryGetProperty("laugh", out _));
        await ProblemOf(await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/reactions", new { reaction = "<b>" }), HttpStatusCode.BadRequest, "unknown_reaction");

        // A pin is the pinner's own: Bob's stream lists the post first, the admin's does not call it pinned.
        var older = await Post(admin, "An older post? No, a newer one");
        await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/pin", new { pinned = true });
        Assert.Equal(post.Id(), (await Stream(bob))[0]);
        Assert.Equal(older.Id(), (await Stream(admin))[0]);
        Assert.False((await admin.GetFromJsonAsync<JsonElement>($"/api/stream/{post.Id()}")).GetProperty("pinned").GetBoolean());
    }

    [Fact]
    public async Task Only_the_audience_sees_a_post_and_the_author_alone_edits_or_deletes_it()
    {
        var portal = await fixture.Host.CreatePortal("Stream audience");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        var carol = await AddUser(admin, "Carol Outsider");
        var carolHttp = (await fixture.Host.SignIn(carol.Email, Password)).Http;
        var sales = await AddDepartment(admin, "Sales", [portal.SecondId]);
        var east = await AddDepartment(admin, "Sales East", [], sales);

        var toSales = await Post(admin, "Sales only", new { everyone = false, departmentIds = new[] { sales } });
        var toCarol = await Post(admin, "Just Carol", new { everyone = false, userIds = new[] { carol.Id } });
        var toEast = await Post(admin, "East only", new { everyone = false, departmentIds = new[] { east } });

        Assert.Contains(toSales.Id(), await Stream(bob));
        Assert.DoesNotContain(toCarol.Id(), await Stream(bob));
        Assert.DoesNotContain(toEast.Id(), await Stream(bob));
        Assert.Equal([toCarol.Id()], (await Stream(carolHttp)).Intersect([toSales.Id(), toCarol.Id(), toEast.Id()]));
        Assert.Equal(3, (await Stream(admin)).Intersect([toSales.Id(), toCarol.Id(), toEast.Id()]).Count());
        // Out of reach is not found, for reading, commenting, voting and reacting alike.
        await ProblemOf(await carolHttp.GetAsync($"/api/stream/{toSales.Id()}"), HttpStatusCode.NotFound, "post_not_found");
        await ProblemOf(await carolHttp.PostAsJsonAsync($"/api/stream/{toSales.Id()}/comments", new { text = "sneaky" }), HttpStatusCode.NotFound, "post_not_found");
        await ProblemOf(await carolHttp.PostAsJsonAsync($"/api/stream/{toSales.Id()}/reactions", new { reaction = "like" }), HttpStatusCode.NotFound, "post_not_found");

        await ProblemOf(await bob.PutAsJsonAsync($"/api/stream/{toSales.Id()}", new { text = "hijacked" }), HttpStatusCode.Forbidden, "not_the_author");
        await ProblemOf(await bob.DeleteAsync($"/api/stream/{toCarol.Id()}"), HttpStatusCode.NotFound, "post_not_found");
        var edited = await admin.PutAsJsonAsync($"/api/stream/{toSales.Id()}", new { text = "Sales only, edited", version = 1 });
        Assert.Equal("Sales only, edited", (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString());
        await ProblemOf(await admin.PutAsJsonAsync($"/api/stream/{toSales.Id()}", new { text = "stale", version = 1 }), HttpStatusCode.Conflict, "version_conflict");
        Assert.Equal("Sales only, edited", (await bob.GetFromJsonAsync<JsonElement>($"/api/stream/{toSales.Id()}")).GetProperty("text").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/stream/{toSales.Id()}")).StatusCode);
        Assert.DoesNotContain(toSales.Id(), await Stream(bob));
        await ProblemOf(await bob.GetAsync($"/api/stream/{toSales.Id()}"), HttpStatusCode.NotFound, "post_not_found");
    }

    [Fact]
    public async Task Unread_counts_posts_that_reached_the_user_since_the_last_one_seen()
    {
        var portal = await fixture.Host.CreatePortal("Stream unread");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        async Task<int> Unread(HttpClient c) => (await c.GetFromJsonAsync<JsonElement>("/api/stream/unread")).GetProperty("unread").GetInt32();

        var first = await Post(admin, "one");
        await Post(admin, "two");
        await Post(bob, "Bob's own does not count for Bob");
        await Post(admin, "not for Bob", new { everyone = false, userIds = new[] { portal.AdminId } });
        Assert.Equal(2, await Unread(bob));
        Assert.Equal(1, await Unread(admin));

        Assert.Equal(HttpStatusCode.NoContent, (await bob.PostAsJsonAsync("/api/stream/seen", new { postId = first.Id() })).StatusCode);
        Assert.Equal(1, await Unread(bob));
        var page = await bob.GetFromJsonAsync<JsonElement>("/api/stream");
        await bob.PostAsJsonAsync("/api/stream/seen", new { postId = page.GetProperty("items")[0].Id() });
        Assert.Equal(0, await Unread(bob));
        // Seeing an older post later does not bring the count back.
        await bob.PostAsJsonAsync("/api/stream/seen", new { postId = first.Id() });
        Assert.Equal(0, await Unread(bob));
        await ProblemOf(await bob.PostAsJsonAsync("/api/stream/seen", new { postId = 0 }), HttpStatusCode.BadRequest, "post_required");
    }

    [Fact]
    public async Task Bad_posts_get_a_clear_error_and_change_nothing()
    {
        var portal = await fixture.Host.CreatePortal("Stream bad input");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var before = await Stream(admin);

        async Task Refused(object body, HttpStatusCode status, string code, string? field = null)
        {
            var problem = await ProblemOf(await admin.PostAsJsonAsync("/api/stream", body), status, code);
            if (field is not null) Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        await Refused(new { text = "", audience = Everyone }, HttpStatusCode.BadRequest, "text_required", "text");
        await Refused(new { text = "<script>alert(1)</script>", audience = Everyone }, HttpStatusCode.BadRequest, "text_required", "text");
        await Refused(new { text = new string('x', 20_001), audience = Everyone }, HttpStatusCode.BadRequest, "text_too_long", "text");
        await Refused(new { text = "to nobody" }, HttpStatusCode.BadRequest, "audience_required", "audience");
        await Refused(new { text = "to nobody", audience = new { everyone = false } }, HttpStatusCode.BadRequest, "audience_required", "audience");
        await Refused(new { text = "ghost", audience = new { everyone = false, userIds = new[] { 999_999 } } }, HttpStatusCode.BadRequest, "unknown_user", "audience.userIds");
        await Refused(new { text = "ghost dept", audience = new { everyone = false, departmentIds = new[] { 999 } } }, HttpStatusCode.BadRequest, "unknown_department", "audience.departmentIds");
        await Refused(new { text = "<a data-mention=\"user:999999\">@ghost</a> hi", audience = Everyone }, HttpStatusCode.BadRequest, "unknown_user", "text");
        await Refused(new { text = "poll", audience = Everyone, poll = new { question = "Q?", options = new[] { "only one" } } }, HttpStatusCode.BadRequest, "poll_options_count");
        await Refused(new { text = "files", audience = Everyone, fileIds = new[] { 123_456L } }, HttpStatusCode.BadRequest, "unknown_file", "fileIds");
        Assert.Equal(before, await Stream(admin));
    }

    [Fact]
    public async Task A_role_that_reaches_only_its_department_cannot_post_to_everyone_or_outsiders()
    {
        var portal = await fixture.Host.CreatePortal("Stream scopes");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        var carol = await AddUser(admin, "Carol Colleague");
        var dave = await AddUser(admin, "Dave Elsewhere");
        var team = await AddDepartment(admin, "Team", [portal.SecondId, carol.Id]);
        var other = await AddDepartment(admin, "Other", [dave.Id]);
        await AccessSetup.OnlyRole(admin, portal.SecondId, "Department poster",
            new { entity = "feed", action = "read", scope = "all" }, new { entity = "feed", action = "add", scope = "department" });

        await ProblemOf(await bob.PostAsJsonAsync("/api/stream", new { text = "hi all", audience = Everyone }), HttpStatusCode.Forbidden, "audience_not_allowed");
        await ProblemOf(await bob.PostAsJsonAsync("/api/stream", new { text = "hi", audience = new { everyone = false, departmentIds = new[] { other } } }),
            HttpStatusCode.Forbidden, "audience_not_allowed");
        await ProblemOf(await bob.PostAsJsonAsync("/api/stream", new { text = "hi", audience = new { everyone = false, userIds = new[] { dave.Id } } }),
            HttpStatusCode.Forbidden, "audience_not_allowed");
        await ProblemOf(await bob.PostAsJsonAsync("/api/stream", new { text = $"<a data-mention=\"user:{dave.Id}\">@Dave</a>", audience = new { everyone = false, departmentIds = new[] { team } } }),
            HttpStatusCode.Forbidden, "audience_not_allowed");
        var ok = await Post(bob, "hi team", new { everyone = false, departmentIds = new[] { team }, userIds = new[] { carol.Id } });
        await AccessSetup.OnlyRole(admin, carol.Id, "Reader", new { entity = "feed", action = "read", scope = "all" });
        Assert.Contains(ok.Id(), await Stream((await fixture.Host.SignIn(carol.Email, Password)).Http));

        // Dave has no role left (the default one was taken away): without the read right the stream is closed altogether.
        await ProblemOf(await (await fixture.Host.SignIn(dave.Email, Password)).Http.GetAsync("/api/stream"), HttpStatusCode.Forbidden, "access_denied");
    }

    [Fact]
    public async Task A_vote_counts_once_per_user_and_a_closed_poll_refuses_votes_and_keeps_its_results()
    {
        var portal = await fixture.Host.CreatePortal("Stream polls");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var bob = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        var post = await Post(admin, "Team dinner", poll: new { question = "Which day?", options = new[] { "Mon", "Tue", "Wed" }, multipleChoice = true });
        async Task<JsonElement> Vote(HttpClient c, params int[] options) =>
            await (await c.PostAsJsonAsync($"/api/stream/{post.Id()}/votes", new { options })).Content.ReadFromJsonAsync<JsonElement>();

        await Vote(bob, 0);
        var twice = await Vote(bob, 1, 2);
        Assert.Equal([0, 1, 1], twice.GetProperty("poll").GetProperty("counts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(1, twice.GetProperty("poll").GetProperty("voters").GetInt32());
        await ProblemOf(await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/votes", new { options = new[] { 7 } }), HttpStatusCode.BadRequest, "unknown_option");
        await ProblemOf(await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/votes", new { options = Array.Empty<int>() }), HttpStatusCode.BadRequest, "choice_required");

        await ProblemOf(await bob.PostAsync($"/api/stream/{post.Id()}/poll/close", null), HttpStatusCode.Forbidden, "not_the_author");
        (await admin.PostAsync($"/api/stream/{post.Id()}/poll/close", null)).EnsureSuccessStatusCode();
        await ProblemOf(await bob.PostAsJsonAsync($"/api/stream/{post.Id()}/votes", new { options = new[] { 0 } }), HttpStatusCode.Conflict, "poll_closed");
        await ProblemOf(await admin.PostAsJsonAsync($"/api/stream/{post.Id()}/votes", new { options = new[] { 0 } }), HttpStatusCode.Conflict, "poll_closed");
        var closed = (await bob.GetFromJsonAsync<JsonElement>($"/api/stream/{post.Id()}")).GetProperty("poll");
        Assert.True(closed.GetProperty("closed").GetBoolean());
        Assert.Equal([0, 1, 1], closed.GetProperty("counts").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([[], [portal.SecondId], [portal.SecondId]], closed.GetProperty("votersByOption").EnumerateArray()
            .Select(v => v.EnumerateArray().Select(e => e.GetInt32()).ToArray()).ToArray());
    }
}
