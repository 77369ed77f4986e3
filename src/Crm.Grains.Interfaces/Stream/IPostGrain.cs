namespace Crm.Grains.Interfaces.Stream;

/// <summary>
/// One post of a portal's activity stream, with its comments, reactions, pins and poll; key
/// "{portal}/{postId}". The single writer of all of it: votes and reactions are applied one at a
/// time, so a user's concurrent votes leave exactly one. Answers are as the acting user sees the post.
/// </summary>
public interface IPostGrain : IGrainWithStringKey
{
    /// <summary>Writes the post, checking that the author may address its audience and mentions; refused when this id holds one already.</summary>
    Task<PostView> Create(NewPost post, int authorId);

    /// <summary>Writes a CRM event as a post; a second call for the same id changes nothing.</summary>
    Task<PostView> CreateEvent(StreamEvent streamEvent, int actorId);

    /// <summary>The post as <paramref name="viewerId"/> sees it; NotFound when there is none (or it was deleted).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<PostView> Get(int viewerId);

    /// <summary>The whole post, for deciding who may see it; NotFound when there is none.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<PostData> GetData();

    /// <summary>The author rewrites the text; newly mentioned people join the audience and are told.</summary>
    Task<PostView> Edit(string text, long? expectedVersion, int actorId);

    /// <summary>The author deletes the post (or, with <paramref name="anyAuthor"/>, a moderator whose role reaches every post).</summary>
    Task Delete(int actorId, bool anyAuthor = false);

    /// <summary>Pins the post to the top of the user's own stream, or unpins it.</summary>
    Task<PostView> Pin(bool pinned, int userId);

    /// <summary>Adds a comment, or a reply to one (a reply to a reply joins the same thread).</summary>
    Task<PostView> Comment(string text, long? parentId, int authorId);

    Task<PostView> EditComment(long commentId, string text, int actorId);

    Task<PostView> DeleteComment(long commentId, int actorId);

    /// <summary>Sets the user's reaction to the post (or to one of its comments); null takes it back.</summary>
    Task<PostView> React(long? commentId, string? reaction, int userId);

    /// <summary>Records the user's choice (replacing an earlier one) while the poll is open; answers the results as the voter sees them.</summary>
    Task<PostView> Vote(IReadOnlyList<int> options, int userId);

    /// <summary>The author closes the poll before its closing time.</summary>
    Task<PostView> ClosePoll(int actorId);
}
