using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Stream;
using Crm.Web.Api;

namespace Crm.Web.ActivityStream;

/// <summary>
/// A user reading the stream: who they are, their rights (for events of the CRM) and the departments
/// whose posts reach them (their own and every one above: a post to a department reaches those below it).
/// </summary>
public sealed record StreamViewer(int PortalId, int UserId, AccessProfile Profile, IReadOnlySet<int> DepartmentIds)
{
    public static async Task<StreamViewer> Of(IGrainFactory grains, RequestUser user)
    {
        var access = grains.GetGrain<IAccessGrain>(user.PortalId);
        var settings = access.Get();
        var profile = await access.ProfileOf(user.UserId);
        var tree = new DepartmentTree((await settings).Departments);
        var departments = tree.Of(user.UserId).SelectMany(tree.WithAncestors).Select(d => d.Id).ToHashSet();
        return new StreamViewer(user.PortalId, user.UserId, profile, departments);
    }

    /// <summary>The role's "delete" on the stream reaches all posts: the user may remove anyone's.</summary>
    public bool MayDeleteAny => Profile.ScopeOf(AccessEntity.Feed, AccessAction.Delete) == AccessScope.All;

    /// <summary>What a live watcher of the stream carries: the profile, so the node keeps it told of access changes.</summary>
    public Live.WatcherAccess WatchAccess() => new(Profile, Crm.Web.Access.ReadableRows.Everything);

    /// <summary>The same rule as the feed's query (<see cref="StreamQueries"/>): the audience for posts, the record's readers for events.</summary>
    public bool CanSee(PostData post)
    {
        if (post.Event is { } e)
            return e.UserIds is { } users ? users.Contains(UserId)
                : Profile.Allows(e.Record.Kind, AccessAction.Read, e.ResponsibleId, e.PipelineId, e.StageId); // record kinds are the access entities' names
        var audience = post.Audience;
        return post.AuthorId == UserId || audience.Everyone || (audience.UserIds ?? []).Contains(UserId)
            || (audience.DepartmentIds ?? []).Any(DepartmentIds.Contains);
    }
}
