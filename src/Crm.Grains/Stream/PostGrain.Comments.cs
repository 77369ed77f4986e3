using Crm.Grains.Interfaces.Stream;

namespace Crm.Grains.Stream;

/// <summary>Comments (one level of replies) and reactions: kept in the post, so a post and its thread change one at a time.</summary>
public sealed partial class PostGrain
{
    public async Task<PostView> Comment(string text, long? parentId, int authorId)
    {
        var post = Current;
        var cleaned = PostText.Clean(text, "text", "A comment");
        if (post.Comments.Count >= PostRules.MaxComments)
            throw CrmException.Invalid("too_many_comments", $"A post takes at most {PostRules.MaxComments} comments.");
        long? thread = null;
        if (parentId is { } id)
        {
            var parent = FindComment(post, id, "parentId");
            thread = parent.ParentId ?? parent.Id;
        }
        // Those mentioned in a comment are told, if the post reaches them; the post's author hears of every comment.
        var mentioned = PostText.Mentions(cleaned).Where(m => !m.Department).Select(m => m.Id).ToList();
        var comment = new PostComment(post.Comments.Select(c => c.Id).DefaultIfEmpty().Max() + 1, thread, authorId, cleaned,
            clock.GetUtcNow(), null, new Dictionary<string, IReadOnlyList<int>>());
        await Commit(post with { Comments = [.. post.Comments, comment], Version = post.Version + 1 }, "commented");
        var audience = await VisibleAmong(post, mentioned.Where(u => u != authorId).ToList());
        await Tell(audience, authorId, "mention", "mentioned you in a comment", cleaned, $"post/{Key.Id}/comment/{comment.Id}/mention");
        if (post.AuthorId != authorId && post.Event is null && !audience.Contains(post.AuthorId))
            await Tell([post.AuthorId], authorId, "comment", "commented on your post", cleaned, $"post/{Key.Id}/comment/{comment.Id}");
        return View(authorId);
    }

    public async Task<PostView> EditComment(long commentId, string text, int actorId)
    {
        var post = Current;
        var comment = FindComment(post, commentId, "commentId");
        RequireAuthor(comment.AuthorId, actorId, "comment");
        var edited = comment with { Text = PostText.Clean(text, "text", "A comment"), EditedAt = clock.GetUtcNow() };
        await Commit(post with { Comments = Replace(post, edited), Version = post.Version + 1 }, "commented");
        return View(actorId);
    }

    public async Task<PostView> DeleteComment(long commentId, int actorId)
    {
        var post = Current;
        var comment = FindComment(post, commentId, "commentId");
        RequireAuthor(comment.AuthorId, actorId, "comment");
        // A comment with replies leaves a gap in its thread; one without simply goes.
        var comments = post.Comments.Any(c => c.ParentId == commentId)
            ? Replace(post, comment with { Text = "", Deleted = true, Reactions = new Dictionary<string, IReadOnlyList<int>>() })
            : post.Comments.Where(c => c.Id != commentId).ToList();
        await Commit(post with { Comments = comments, Version = post.Version + 1 }, "commented");
        return View(actorId);
    }

    public async Task<PostView> React(long? commentId, string? reaction, int userId)
    {
        var post = Current;
        var chosen = reaction is null ? null : PostRules.CheckReaction(reaction);
        if (commentId is { } id)
        {
            var comment = FindComment(post, id, "commentId");
            var reactions = WithReaction(comment.Reactions, chosen, userId);
            if (reactions is not null)
                await Commit(post with { Comments = Replace(post, comment with { Reactions = reactions }), Version = post.Version + 1 }, "reacted");
        }
        else if (WithReaction(post.Reactions, chosen, userId) is { } reactions)
        {
            await Commit(post with { Reactions = reactions, Version = post.Version + 1 }, "reacted");
        }
        return View(userId);
    }

    /// <summary>The reactions with the user's one reaction set (or taken back); null when nothing changes.</summary>
    private static Dictionary<string, IReadOnlyList<int>>? WithReaction(IReadOnlyDictionary<string, IReadOnlyList<int>> reactions, string? chosen, int userId)
    {
        var current = reactions.FirstOrDefault(r => r.Value.Contains(userId)).Key;
        if (current == chosen) return null;
        var next = reactions.ToDictionary(r => r.Key, r => r.Key == current ? (IReadOnlyList<int>)r.Value.Where(u => u != userId).ToList() : r.Value);
        if (chosen is not null) next[chosen] = [.. next.GetValueOrDefault(chosen) ?? [], userId];
        foreach (var empty in next.Where(r => r.Value.Count == 0).Select(r => r.Key).ToList()) next.Remove(empty);
        return next;
    }

    private static PostComment FindComment(PostData post, long id, string field) =>
        post.Comments.FirstOrDefault(c => c.Id == id && !c.Deleted)
        ?? throw CrmException.NotFound("comment_not_found", $"Post {post.Id} has no comment {id}.");

    private static List<PostComment> Replace(PostData post, PostComment comment) =>
        post.Comments.Select(c => c.Id == comment.Id ? comment : c).ToList();

    /// <summary>The users the post reaches (a comment's mention cannot widen the audience).</summary>
    private async Task<IReadOnlyList<int>> VisibleAmong(PostData post, IReadOnlyList<int> userIds)
    {
        if (userIds.Count == 0 || post.Audience.Everyone) return userIds;
        var access = await GrainFactory.GetGrain<Interfaces.Access.IAccessGrain>(Key.PortalId).Get();
        var tree = new Access.DepartmentTree(access.Departments);
        var reached = Access.DepartmentTree.People((post.Audience.DepartmentIds ?? []).Where(d => tree.Find(d) is not null)
                .SelectMany(d => tree.WithDescendants(tree.Find(d)!)))
            .Concat(post.Audience.UserIds ?? []).Append(post.AuthorId).ToHashSet();
        return userIds.Where(reached.Contains).ToList();
    }
}
