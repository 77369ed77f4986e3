using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Stream;

namespace Crm.Silo.Tests;

/// <summary>Activity-stream posts with polls in a real cluster on PostgreSQL: one vote per user however many arrive at once, kept across deactivation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostGrainTests(ClusterFixture fixture)
{
    private static long _next = 1000;

    private IPostGrain NewPost() => fixture.Client.GetGrain<IPostGrain>(GrainKeys.For(ClusterFixture.PortalId, Interlocked.Increment(ref _next)));

    private static NewPost Lunch(DateTimeOffset? closes = null, bool multiple = false) =>
        new("Team lunch on Friday", new PostAudience(true), new NewPoll("Where?", ["Pizza", "Sushi", "Salad"], multiple, ClosesAt: closes));

    [Fact]
    public async Task Concurrent_votes_leave_each_user_exactly_one_vote_and_the_counts_survive_deactivation()
    {
        var post = NewPost();
        await post.Create(Lunch(), fixture.UserId);

        // Twenty users, each voting three times at once with different choices.
        var votes = Enumerable.Range(1, 20).SelectMany(user => Enumerable.Range(0, 3).Select(option => post.Vote([option], 100 + user))).ToList();
        await Task.WhenAll(votes);

        var seen = await post.Get(101);
        Assert.Equal(20, seen.Poll!.Voters);
        Assert.Equal(20, seen.Poll.Counts.Sum());
        Assert.Single(seen.Poll.MyChoice);
        Assert.Equal(20, seen.Poll.VotersByOption.Sum(v => v.Count));

        await fixture.Cluster.DeactivateAsync(post);
        await fixture.Cluster.WaitForDeactivationAsync(post);
        Assert.Equal(seen.Poll.Counts, (await post.Get(101)).Poll!.Counts);
    }

    [Fact]
    public async Task A_changed_vote_replaces_the_earlier_one_and_a_closed_poll_refuses_votes_and_keeps_its_results()
    {
        var post = NewPost();
        // Closes soon (the silo's clock is the real one), with time enough for the votes before.
        await post.Create(Lunch(DateTimeOffset.UtcNow.AddSeconds(8)), fixture.UserId);
        await post.Vote([0], 7);
        var changed = await post.Vote([2], 7);
        Assert.Equal([0, 0, 1], changed.Poll!.Counts);
        Assert.Equal([2], changed.Poll.MyChoice);

        var second = await post.Vote([1], 8);
        Assert.Equal("one_choice_only", (await Assert.ThrowsAsync<CrmException>(() => post.Vote([0, 1], 8))).Code);
        Assert.Equal(second.Version, (await post.Get(8)).Version);

        // Polled, not slept: the poll closes on the clock.
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !(await post.Get(8)).Poll!.Closed; await Task.Delay(200))
            Assert.True(DateTime.UtcNow < deadline, "The poll never closed");
        Assert.Equal("poll_closed", (await Assert.ThrowsAsync<CrmException>(() => post.Vote([0], 9))).Code);
        Assert.Equal([0, 1, 1], (await post.Get(9)).Poll!.Counts);
    }

    [Fact]
    public async Task A_bad_post_is_refused_and_nothing_is_stored()
    {
        var post = NewPost();
        Assert.Equal("text_required", (await Assert.ThrowsAsync<CrmException>(() => post.Create(Lunch() with { Text = "  " }, fixture.UserId))).Code);
        Assert.Equal("audience_required", (await Assert.ThrowsAsync<CrmException>(() => post.Create(Lunch() with { Audience = new PostAudience(false) }, fixture.UserId))).Code);
        Assert.Equal("duplicate_poll_option", (await Assert.ThrowsAsync<CrmException>(() =>
            post.Create(Lunch() with { Poll = new NewPoll("Where?", ["Pizza", "PIZZA"]) }, fixture.UserId))).Code);
        Assert.Equal("post_not_found", (await Assert.ThrowsAsync<CrmException>(() => post.Get(1))).Code);
        Assert.Equal("post_not_found", (await Assert.ThrowsAsync<CrmException>(() => post.Vote([0], 1))).Code);
    }
}
