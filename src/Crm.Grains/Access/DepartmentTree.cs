using Crm.Grains.Interfaces.Access;

namespace Crm.Grains.Access;

/// <summary>Walks a portal's department tree: who belongs where, what lies below and above a department.</summary>
public sealed class DepartmentTree(IReadOnlyList<Department> departments)
{
    private readonly Dictionary<int, Department> _byId = departments.ToDictionary(d => d.Id);
    private readonly ILookup<int?, Department> _children = departments.ToLookup(d => d.ParentId);

    public Department? Find(int id) => _byId.GetValueOrDefault(id);

    /// <summary>The departments a user belongs to: as a member or as the head.</summary>
    public IEnumerable<Department> Of(int userId) => departments.Where(d => d.HeadId == userId || d.MemberIds.Contains(userId));

    /// <summary>The department and every department below it.</summary>
    public IEnumerable<Department> WithDescendants(Department department)
    {
        yield return department;
        foreach (var child in _children[department.Id])
            foreach (var d in WithDescendants(child))
                yield return d;
    }

    /// <summary>The department and every department above it, up to the top.</summary>
    public IEnumerable<Department> WithAncestors(Department department)
    {
        for (Department? d = department; d is not null; d = d.ParentId is { } parent ? Find(parent) : null)
            yield return d;
    }

    /// <summary>Whether making <paramref name="parentId"/> the parent of <paramref name="id"/> would put a department below itself.</summary>
    public bool WouldCycle(int id, int? parentId) =>
        parentId is { } p && Find(p) is { } parent && WithAncestors(parent).Any(d => d.Id == id);

    /// <summary>Heads and members of the departments.</summary>
    public static IEnumerable<int> People(IEnumerable<Department> departments) =>
        departments.SelectMany(d => d.HeadId is { } head ? d.MemberIds.Append(head) : d.MemberIds).Distinct();
}
