using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Comments;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Comments;

/// <summary>Adding a comment to a record's timeline (API and record cards): only on a record the user may see.</summary>
public sealed class CommentService(IGrainFactory grains, RecordOwners owners)
{
    public async Task<Comment> Add(RequestUser user, RecordRef owner, string text)
    {
        await owners.RequireReadable(user, owner);
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, "comment")).Next();
        return await grains.GetGrain<ICommentGrain>(GrainKeys.For(user.PortalId, id)).Create(owner, text, user.UserId);
    }
}
