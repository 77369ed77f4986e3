using Crm.Grains.Common;
using Crm.Grains.Interfaces.Stream;

namespace Crm.Grains.Stream;

/// <summary>What a post grain persists (plain JSON; keep member names stable).</summary>
public sealed class PostState
{
    public NewPost? Post { get; set; }
    public int AuthorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>Each voter's choice (option indexes), by user id.</summary>
    public Dictionary<int, List<int>> Votes { get; set; } = [];
}

/// <summary>See <see cref="IPostGrain"/>. Each change is persisted before it is answered.</summary>
[GrainType("post")]
public sealed class PostGrain(
    [PersistentState("post", StorageNames.Crm)] IPersistentState<PostState> state,
    TimeProvider clock) : Grain, IPostGrain
{
    private (int PortalId, long Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    public async Task<PostView> Create(NewPost post, int authorId)
    {
        if (state.State.Post is not null) throw CrmException.Conflict("post_exists", $"Post {Key.Id} already exists.");
        var now = clock.GetUtcNow();
        var checkedPost = PostRules.Check(post, now);
        state.State.Post = checkedPost;
        (state.State.AuthorId, state.State.CreatedAt, state.State.Version) = (authorId, now, 1);
        await Write();
        return View(authorId);
    }

    public Task<PostView> Get(int viewerId) => Task.FromResult(View(viewerId));

    public async Task<PostView> Vote(IReadOnlyList<int> options, int userId)
    {
        var poll = Current.Poll ?? throw CrmException.Invalid("no_poll", "This post has no poll.", "options");
        var choice = PollRules.Vote(poll, options, clock.GetUtcNow());
        if (!(state.State.Votes.TryGetValue(userId, out var earlier) && earlier.SequenceEqual(choice)))
        {
            state.State.Votes[userId] = [.. choice];
            state.State.Version++;
            await Write();
        }
        return View(userId);
    }

    private NewPost Current => state.State.Post ?? throw CrmException.NotFound("post_not_found", $"There is no post {Key.Id}.");

    private PostView View(int viewerId)
    {
        var post = Current;
        var s = state.State;
        return new PostView(Key.PortalId, Key.Id, s.AuthorId, post.Text, post.Audience, s.CreatedAt, s.Version,
            post.Poll is null ? null : PollRules.Results(post.Poll, s.Votes.ToDictionary(v => v.Key, v => (IReadOnlyList<int>)v.Value), viewerId, clock.GetUtcNow()));
    }

    private Task Write() => this.WriteOrReload(state);
}
