using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Stream;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.ActivityStream;

/// <summary>A post as the API takes it: its files are named by the ids their upload returned.</summary>
public sealed record PostBody(string? Text, PostAudience? Audience, NewPoll? Poll, IReadOnlyList<long>? FileIds);

/// <summary>
/// The stream's commands and reads for one user (API and pages alike): the stream's "read" right to
/// see it at all, then only posts that reach the user; a post out of reach is "not found", never
/// "forbidden", so its existence does not leak. The post grain checks the rest.
/// </summary>
public sealed class StreamService(IGrainFactory grains, StreamQueries queries, StreamFiles files)
{
    public const int MaxPageSize = 100;

    public async Task<StreamViewer> Viewer(RequestUser user)
    {
        var viewer = await StreamViewer.Of(grains, user);
        if (viewer.Profile.ScopeOf(AccessEntity.Feed, AccessAction.Read) == AccessScope.None)
            throw CrmException.Forbidden("access_denied", "Your role does not allow you to read the activity stream.");
        return viewer;
    }

    public async Task<StreamPage> Page(RequestUser user, long? before, int? limit) =>
        await queries.Page(user, await Viewer(user), before, Math.Clamp(limit ?? 20, 1, MaxPageSize));

    public async Task<PostView> Create(RequestUser user, PostBody? body)
    {
        if (body is null) throw CrmException.Invalid("body_required", "Send the post: {text, audience, poll?, fileIds?}.");
        await Viewer(user);
        var attached = await files.Unattached(user, body.FileIds);
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, "post")).Next();
        return await Post(user, id).Create(new NewPost(body.Text ?? "", body.Audience!, body.Poll, attached), user.UserId);
    }

    public async Task<PostView> Get(RequestUser user, long id)
    {
        await Reachable(user, id);
        return await Post(user, id).Get(user.UserId);
    }

    public async Task<PostView> Edit(RequestUser user, long id, string? text, long? version)
    {
        await Reachable(user, id);
        return await Post(user, id).Edit(text ?? "", version, user.UserId);
    }

    /// <summary>The author deletes; so may anyone whose role's "delete" on the stream reaches all posts.</summary>
    public async Task Delete(RequestUser user, long id)
    {
        var viewer = await Reachable(user, id);
        await Post(user, id).Delete(user.UserId, viewer.MayDeleteAny);
    }

    public async Task<PostView> Pin(RequestUser user, long id, bool pinned)
    {
        await Reachable(user, id);
        return await Post(user, id).Pin(pinned, user.UserId);
    }

    public async Task<PostView> Comment(RequestUser user, long id, string? text, long? parentId)
    {
        await Reachable(user, id);
        return await Post(user, id).Comment(text ?? "", parentId, user.UserId);
    }

    public async Task<PostView> EditComment(RequestUser user, long id, long commentId, string? text)
    {
        await Reachable(user, id);
        return await Post(user, id).EditComment(commentId, text ?? "", user.UserId);
    }

    public async Task<PostView> DeleteComment(RequestUser user, long id, long commentId)
    {
        await Reachable(user, id);
        return await Post(user, id).DeleteComment(commentId, user.UserId);
    }

    public async Task<PostView> React(RequestUser user, long id, long? commentId, string? reaction)
    {
        await Reachable(user, id);
        return await Post(user, id).React(commentId, reaction, user.UserId);
    }

    public async Task<PostView> Vote(RequestUser user, long id, IReadOnlyList<int>? options)
    {
        await Reachable(user, id);
        return await Post(user, id).Vote(options ?? [], user.UserId);
    }

    public async Task<PostView> ClosePoll(RequestUser user, long id)
    {
        await Reachable(user, id);
        return await Post(user, id).ClosePoll(user.UserId);
    }

    /// <summary>A file of a post the user sees, or the user's own file not yet posted.</summary>
    public async Task<StoredFile> File(RequestUser user, long fileId)
    {
        var file = await files.Get(user, fileId);
        if (file.PostId is { } postId)
        {
            try
            {
                await Reachable(user, postId);
            }
            catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
            {
                throw StreamFiles.NotFound(fileId);
            }
        }
        else if (file.UploadedBy != user.UserId)
        {
            throw StreamFiles.NotFound(fileId);
        }
        return file;
    }

    public async Task<int> Unread(RequestUser user) => await queries.Unread(user, await Viewer(user));

    public Task MarkSeen(RequestUser user, long postId) => queries.MarkSeen(user, postId);

    private async Task<StreamViewer> Reachable(RequestUser user, long id)
    {
        var viewer = await Viewer(user);
        var post = await Post(user, id).GetData();
        return viewer.CanSee(post) ? viewer : throw CrmException.NotFound("post_not_found", $"There is no post {id}.");
    }

    private IPostGrain Post(RequestUser user, long id) => grains.GetGrain<IPostGrain>(GrainKeys.For(user.PortalId, id));
}
