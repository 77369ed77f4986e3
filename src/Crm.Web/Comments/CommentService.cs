using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Comments;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Comments;

/// <summary>Comments on a record's timeline (API and record cards): only on a record the user may see; editing and deleting are also the author's alone (the grain checks that).</summary>
public sealed class CommentService(IGrainFactory grains, RecordOwners owners)
{
    public async Task<Comment> Add(RequestUser user, RecordRef owner, string text)
    {
        await owners.RequireReadable(user, owner);
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, "comment")).Next();
        return await Comment(user, id).Create(owner, text, user.UserId);
    }

    public async Task<Comment> Edit(RequestUser user, long id, string text, long? version)
    {
        var comment = await Readable(user, id);
        return await Comment(user, id).Edit(text, version ?? comment.Version, user.UserId);
    }

    public async Task Delete(RequestUser user, long id, long? version)
    {
        var comment = await Readable(user, id);
        await Comment(user, id).Delete(version ?? comment.Version, user.UserId);
    }

    private async Task<Comment> Readable(RequestUser user, long id)
    {
        var comment = await Comment(user, id).Get();
        await owners.RequireReadable(user, comment.Owner);
        return comment;
    }

    private ICommentGrain Comment(RequestUser user, long id) => grains.GetGrain<ICommentGrain>(GrainKeys.For(user.PortalId, id));
}
