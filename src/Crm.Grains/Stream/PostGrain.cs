using Crm.Grains.Common;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Notifications;
using Crm.Grains.Interfaces.Stream;
using Crm.Grains.Notifications;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Stream;

/// <summary>What a post grain persists (plain JSON; keep member names stable).</summary>
public sealed class PostState
{
    public PostData? Post { get; set; }
}

/// <summary>
/// See <see cref="IPostGrain"/>. Each change is durable before it is answered; then the post's row is
/// projected, its change published to the portal's stream feed, and mentioned people told.
/// </summary>
[GrainType("post")]
public sealed partial class PostGrain(
    [PersistentState("post", StorageNames.Crm)] IPersistentState<PostState> state,
    IStreamReadModel readModel,
    IUserDirectory users,
    INotificationStore notifications,
    TimeProvider clock,
    ILogger<PostGrain> log) : Grain, IPostGrain
{
    private (int PortalId, long Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    private PostData Current => state.State.Post is { Deleted: false } post ? post
        : throw CrmException.NotFound("post_not_found", $"There is no post {Key.Id}.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A projection lost after a durable write is repaired the next time the post is used.
        if (state.State.Post is { } post && await readModel.GetVersion(Key.PortalId, Key.Id) is var projected && projected != post.Version)
            await Project(post);
    }

    public async Task<PostView> Create(NewPost post, int authorId)
    {
        if (state.State.Post is not null) throw CrmException.Conflict("post_exists", $"Post {Key.Id} already exists.");
        var now = clock.GetUtcNow();
        var checkedPost = PostRules.Check(post, now);
        var (audience, notify) = await Audiences.Check(checkedPost.Audience, PostText.Mentions(checkedPost.Text), authorId);
        var data = new PostData(Key.PortalId, Key.Id, authorId, checkedPost.Text, audience, now, 1, checkedPost.Poll,
            new Dictionary<int, IReadOnlyList<int>>(), checkedPost.Files ?? [], notify, [], new Dictionary<string, IReadOnlyList<int>>(), []);
        await Commit(data, "created");
        await Tell(notify, authorId, "mention", "mentioned you in a post", data.Text, $"post/{Key.Id}/mention");
        return View(authorId);
    }

    public async Task<PostView> CreateEvent(StreamEvent streamEvent, int actorId)
    {
        if (state.State.Post is not null) return View(actorId);
        var text = PostText.Clean(streamEvent.Text, "text", "An event");
        var audience = new PostAudience(false, [], streamEvent.UserIds ?? []);
        await Commit(new PostData(Key.PortalId, Key.Id, actorId, text, audience, clock.GetUtcNow(), 1, null,
            new Dictionary<int, IReadOnlyList<int>>(), [], [], [], new Dictionary<string, IReadOnlyList<int>>(), [], streamEvent), "created");
        return View(actorId);
    }

    public Task<PostView> Get(int viewerId) => Task.FromResult(View(viewerId));

    public Task<PostData> GetData() => Task.FromResult(Current);

    public async Task<PostView> Edit(string text, long? expectedVersion, int actorId)
    {
        var post = Current;
        RequireAuthor(post.AuthorId, actorId, "post");
        if (post.Event is not null) throw CrmException.Invalid("event_post", "An event of the CRM cannot be edited.");
        if (expectedVersion is { } expected && expected != post.Version)
            throw CrmException.Conflict("version_conflict", $"The post changed meanwhile (now version {post.Version}); reload it and edit again.");
        var cleaned = PostText.Clean(text, "text");
        var added = PostText.Mentions(cleaned).Where(m => m.Department
            ? !(post.Audience.DepartmentIds ?? []).Contains(m.Id) : !post.MentionedUserIds.Contains(m.Id)).ToList();
        // Only the new mentions are checked: the audience was checked when the post was written.
        var (extra, notify) = await Audiences.Check(new PostAudience(false, [], []), added, actorId);
        notify = notify.Except(post.MentionedUserIds).ToList();
        var audience = post.Audience.Everyone ? post.Audience : post.Audience with
        {
            DepartmentIds = (post.Audience.DepartmentIds ?? []).Union(extra.DepartmentIds ?? []).Order().ToList(),
            UserIds = (post.Audience.UserIds ?? []).Union(extra.UserIds ?? []).Order().ToList(),
        };
        var edited = post with
        {
            Text = cleaned, Audience = audience, EditedAt = clock.GetUtcNow(), Version = post.Version + 1,
            MentionedUserIds = post.MentionedUserIds.Union(notify).Order().ToList(),
        };
        await Commit(edited, "edited");
        await Tell(notify, actorId, "mention", "mentioned you in a post", edited.Text, $"post/{Key.Id}/mention");
        return View(actorId);
    }

    public async Task Delete(int actorId, bool anyAuthor)
    {
        var post = Current;
        if (!anyAuthor) RequireAuthor(post.AuthorId, actorId, "post");
        await Commit(post with { Deleted = true, Version = post.Version + 1 }, "deleted");
    }

    public async Task<PostView> Pin(bool pinned, int userId)
    {
        var post = Current;
        if (post.PinnedBy.Contains(userId) != pinned)
            await Commit(post with
            {
                PinnedBy = pinned ? [.. post.PinnedBy, userId] : post.PinnedBy.Where(u => u != userId).ToList(),
                Version = post.Version + 1,
            }, "pinned");
        return View(userId);
    }

    public async Task<PostView> Vote(IReadOnlyList<int> options, int userId)
    {
        var post = Current;
        var poll = post.Poll ?? throw CrmException.Invalid("no_poll", "This post has no poll.", "options");
        var choice = PollRules.Vote(poll, options, clock.GetUtcNow(), post.PollClosed);
        if (!(post.Votes.TryGetValue(userId, out var earlier) && earlier.SequenceEqual(choice)))
            await Commit(post with { Votes = new Dictionary<int, IReadOnlyList<int>>(post.Votes) { [userId] = choice }, Version = post.Version + 1 }, "voted",
                awaitProjection: false);
        return View(userId);
    }

    public async Task<PostView> ClosePoll(int actorId)
    {
        var post = Current;
        if (post.Poll is null) throw CrmException.Invalid("no_poll", "This post has no poll.");
        RequireAuthor(post.AuthorId, actorId, "poll");
        if (!PollRules.IsClosed(post.Poll, clock.GetUtcNow(), post.PollClosed))
            await Commit(post with { PollClosed = true, Version = post.Version + 1 }, "voted");
        return View(actorId);
    }

    private PostAudiences Audiences => new(GrainFactory, users, Key.PortalId);

    private PostView View(int viewerId) => PostViews.For(Current, viewerId, clock.GetUtcNow());

    private static void RequireAuthor(int authorId, int actorId, string what)
    {
        if (authorId != actorId) throw CrmException.Forbidden("not_the_author", $"Only its author can change or delete the {what}.");
    }

    /// <summary>
    /// Durable first (a failed write reloads the stored post); then read model, live feed: their failures are
    /// logged, not reported. A vote does not wait for its row: a poll's votes come in bursts, each row
    /// holds the newest version only (an older projection never overwrites it), and the grain answers
    /// the tally itself, so the feed's copy may trail by a moment.
    /// </summary>
    private async Task Commit(PostData post, string what, bool awaitProjection = true)
    {
        var before = state.State.Post;
        state.State.Post = post;
        try
        {
            await this.WriteOrReload(state);
        }
        catch
        {
            state.State.Post = before;
            throw;
        }
        var projected = Project(post);
        if (awaitProjection) await projected;
        try
        {
            await GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.StreamFeed(Key.PortalId)).PublishPost(new PostChanged(post, what));
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Live event for post {PostId} v{Version} not published", Key.Id, post.Version);
        }
    }

    private async Task Project(PostData post)
    {
        try
        {
            await readModel.Project(post);
        }
        catch (Exception e)
        {
            log.LogError(e, "Post {PostId} v{Version} not projected; repaired on its next activation", Key.Id, post.Version);
            DeactivateOnIdle();
        }
    }

    /// <summary>Tells each person once per event (the dedupe key), naming who did what and a preview of the text.</summary>
    private async Task Tell(IReadOnlyList<int> userIds, int actorId, string kind, string what, string html, string dedupe)
    {
        if (userIds.Count == 0) return;
        try
        {
            var name = await users.DisplayName(Key.PortalId, actorId) ?? $"User {actorId}";
            var text = $"{name} {what}: {PostText.Preview(html)}";
            foreach (var userId in userIds)
                await GrainFactory.Notify(notifications, Key.PortalId, new NewNotification(userId, kind, text, "post", Key.Id, $"{dedupe}/{userId}"));
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Post {PostId}: not everyone mentioned was told", Key.Id);
        }
    }
}
