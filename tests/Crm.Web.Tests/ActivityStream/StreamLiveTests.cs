using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Crm.Web.Hosting;
using Crm.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;
using static Crm.Web.Tests.ActivityStream.StreamKit;

namespace Crm.Web.Tests.ActivityStream;

/// <summary>
/// The stream live across web nodes: posts, comments, reactions and votes made through one node reach
/// hub clients of another, each as its own user sees the post, and only clients of the post's audience.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StreamLiveTests(WebFixture fixture)
{
    private static async Task<(HubConnection Hub, Channel<JsonElement> Events)> Follow(SignedInClient client)
    {
        var hub = client.BoardHub();
        var events = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("postChanged", e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeStream");
        return (hub, events);
    }

    /// <summary>The next event about the post that satisfies <paramref name="done"/>, skipping earlier ones.</summary>
    private static async Task<JsonElement> Next(Channel<JsonElement> events, long postId, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var e = await events.Reader.ReadAsync(timeout.Token);
            if (e.GetProperty("post").GetProperty("id").GetInt64() == postId && done(e)) return e;
        }
    }

    private static int[] Counts(JsonElement e) =>
        e.GetProperty("post").GetProperty("poll").GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray();

    [Fact]
    public async Task A_vote_through_node_A_updates_the_results_seen_on_node_B_for_the_audience_only()
    {
        await using var nodeB = await CrmTestHost.Start(fixture.ConnectionString, fixture.ClusterId, HostingMode.Web);
        var portal = await fixture.Host.CreatePortal("Live stream");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var carol = await AddUser(admin, "Carol Outsider");
        var bobOnB = await nodeB.SignIn(portal.SecondEmail);
        var (bobHub, bobEvents) = await Follow(bobOnB);
        var (carolHub, carolEvents) = await Follow(await nodeB.SignIn(carol.Email, Password));
        var stranger = await fixture.Host.CreatePortal("Live stream elsewhere");
        var (strangerHub, strangerEvents) = await Follow(await nodeB.SignIn(stranger.AdminEmail));
        await using var _ = bobHub;
        await using var __ = carolHub;
        await using var ___ = strangerHub;

        var post = await Post(admin, "Where do we lunch?", new { everyone = false, userIds = new[] { portal.SecondId } },
            new { question = "Lunch?", options = new[] { "Pizza", "Sushi" }, anonymous = true });
        var created = await Next(bobEvents, post.Id(), e => e.GetProperty("what").GetString() == "created");
        Assert.Equal("Where do we lunch?", created.GetProperty("post").GetProperty("text").GetString());

        (await admin.PostAsJsonAsync($"/api/stream/{post.Id()}/votes", new { options = new[] { 1 } })).EnsureSuccessStatusCode();
        var voted = await Next(bobEvents, post.Id(), e => e.GetProperty("what").GetString() == "voted");
        Assert.Equal([0, 1], Counts(voted));
        // Bob's own view: the admin's choice is not his, and an anonymous poll names no voters.
        Assert.Empty(voted.GetProperty("post").GetProperty("poll").GetProperty("myChoice").EnumerateArray());
        Assert.All(voted.GetProperty("post").GetProperty("poll").GetProperty("votersByOption").EnumerateArray(), v => Assert.Empty(v.EnumerateArray()));

        (await bobOnB.Http.PostAsJsonAsync($"/api/stream/{post.Id()}/votes", new { options = new[] { 0 } })).EnsureSuccessStatusCode();
        var mine = await Next(bobEvents, post.Id(), e => Counts(e).Sum() == 2);
        Assert.Equal([1, 1], Counts(mine));
        Assert.Equal([0], mine.GetProperty("post").GetProperty("poll").GetProperty("myChoice").EnumerateArray().Select(c => c.GetInt32()));

        (await admin.PostAsJsonAsync($"/api/stream/{post.Id()}/comments", new { text = "Pizza wins" })).EnsureSuccessStatusCode();
        var commented = await Next(bobEvents, post.Id(), e => e.GetProperty("what").GetString() == "commented");
        Assert.Equal("Pizza wins", commented.GetProperty("post").GetProperty("comments")[0].GetProperty("text").GetString());
        (await admin.PostAsJsonAsync($"/api/stream/{post.Id()}/reactions", new { reaction = "like" })).EnsureSuccessStatusCode();
        await Next(bobEvents, post.Id(), e => e.GetProperty("what").GetString() == "reacted");
        (await admin.DeleteAsync($"/api/stream/{post.Id()}")).EnsureSuccessStatusCode();
        Assert.True((await Next(bobEvents, post.Id(), e => e.GetProperty("what").GetString() == "deleted")).GetProperty("deleted").GetBoolean());

        // A post to everyone comes after, through the same feed: once Carol has it, the private one would have come first.
        var open = await Post(admin, "Hello everyone");
        await Next(carolEvents, open.Id(), _ => true);
        Assert.False(carolEvents.Reader.TryRead(out var leaked), $"Carol got a post not meant for her: {leaked}");
        await Post((await fixture.Host.SignIn(stranger.AdminEmail)).Http, "Stranger's own");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var strangers = await strangerEvents.Reader.ReadAsync(patience.Token);
        Assert.Equal("Stranger's own", strangers.GetProperty("post").GetProperty("text").GetString());
    }
}
