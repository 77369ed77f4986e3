using Crm.Grains.Interfaces.Access;

namespace Crm.Grains.Access;

/// <summary>Computes what a user may do from a portal's access settings.</summary>
public static class AccessProfiles
{
    public static AccessProfile For(int portalId, int userId, AccessSettings settings)
    {
        var tree = new DepartmentTree(settings.Departments);
        var own = tree.Of(userId).ToList();
        var below = own.SelectMany(tree.WithDescendants).DistinctBy(d => d.Id).ToList();
        var above = own.SelectMany(tree.WithAncestors).Select(d => d.Id).ToHashSet();
        var ownIds = own.Select(d => d.Id).ToHashSet();

        bool Reaches(RoleAssignment a) => a.Kind switch
        {
            AssigneeKind.Everyone => true,
            AssigneeKind.User => a.SubjectId == userId,
            AssigneeKind.Department => a.SubjectId is { } d && ownIds.Contains(d),
            AssigneeKind.DepartmentTree => a.SubjectId is { } d && above.Contains(d),
            _ => false,
        };

        var roleIds = settings.Assignments.Where(Reaches).Select(a => a.RoleId).ToHashSet();
        return new AccessProfile(portalId, userId, settings.AdminIds.Contains(userId), settings.Version,
            settings.Roles.Where(r => roleIds.Contains(r.Id)).ToList(),
            DepartmentTree.People(own).Order().ToList(),
            DepartmentTree.People(below).Order().ToList());
    }
}
