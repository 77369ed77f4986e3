using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Stream;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Stream;

/// <summary>
/// Whom an author may address, by the "add" scope of their role on the stream: all reaches everyone,
/// any department and anyone; department (and sub) reaches the author's own departments (and those
/// below) and their people; own reaches chosen people only; none may not post. Addressed departments
/// must exist and people be active users. Mentioned people and departments join the audience (a
/// mention is an invitation to read) under the same rule, and are the ones told about it.
/// </summary>
public sealed class PostAudiences(IGrainFactory grains, IUserDirectory users, int portalId)
{
    /// <summary>The audience with the mentions added, and the people to tell (the author never).</summary>
    public async Task<(PostAudience Audience, IReadOnlyList<int> Notify)> Check(PostAudience audience, IReadOnlyList<Mention> mentions, int authorId)
    {
        var accessGrain = grains.GetGrain<IAccessGrain>(portalId);
        var (access, profile) = (await accessGrain.Get(), await accessGrain.ProfileOf(authorId));
        var scope = profile.ScopeOf(AccessEntity.Feed, AccessAction.Add);
        if (scope == AccessScope.None)
            throw CrmException.Forbidden("access_denied", "Your role does not allow you to post to the activity stream.");
        if (audience.Everyone && scope != AccessScope.All)
            throw CrmException.Forbidden("audience_not_allowed", "Your role does not allow you to post to everyone: address your departments or chosen people.");

        var tree = new DepartmentTree(access.Departments);
        var mentionedDepartments = mentions.Where(m => m.Department).Select(m => m.Id).ToList();
        var mentionedUsers = mentions.Where(m => !m.Department).Select(m => m.Id).ToList();
        var reachable = Reachable(tree, scope, authorId);
        foreach (var (ids, field) in new[] { (audience.DepartmentIds ?? [], "audience.departmentIds"), (mentionedDepartments, "text") })
            foreach (var id in ids)
            {
                if (tree.Find(id) is null) throw CrmException.Invalid("unknown_department", $"There is no department {id}.", field);
                if (reachable is not null && !reachable.Contains(id))
                    throw CrmException.Forbidden("audience_not_allowed", $"Your role does not allow you to address department {id}.");
            }
        var people = scope switch
        {
            AccessScope.Department => profile.DepartmentUserIds.ToHashSet(),
            AccessScope.DepartmentAndSub => profile.DepartmentTreeUserIds.ToHashSet(),
            _ => null,
        };
        foreach (var (ids, field) in new[] { (audience.UserIds ?? [], "audience.userIds"), (mentionedUsers, "text") })
            foreach (var id in ids)
            {
                if (!await users.IsActiveUser(portalId, id)) throw CrmException.Invalid("unknown_user", $"User {id} is not an active user of this portal.", field);
                if (people is not null && id != authorId && !people.Contains(id))
                    throw CrmException.Forbidden("audience_not_allowed", $"Your role does not allow you to address user {id}, who is outside your departments.");
            }

        var notify = mentionedUsers
            .Concat(DepartmentTree.People(mentionedDepartments.SelectMany(id => tree.WithDescendants(tree.Find(id)!))))
            .Where(id => id != authorId).Distinct().Order().ToList();
        var widened = audience.Everyone ? audience : audience with
        {
            DepartmentIds = (audience.DepartmentIds ?? []).Union(mentionedDepartments).Order().ToList(),
            UserIds = (audience.UserIds ?? []).Union(mentionedUsers).Order().ToList(),
        };
        return (widened, notify);
    }

    /// <summary>The departments the scope lets the author address; null: any.</summary>
    private static HashSet<int>? Reachable(DepartmentTree tree, AccessScope scope, int authorId) => scope switch
    {
        AccessScope.All => null,
        AccessScope.Department => tree.Of(authorId).Select(d => d.Id).ToHashSet(),
        AccessScope.DepartmentAndSub => tree.Of(authorId).SelectMany(tree.WithDescendants).Select(d => d.Id).ToHashSet(),
        _ => [],
    };
}
