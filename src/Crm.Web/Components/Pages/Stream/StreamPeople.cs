using Crm.Grains.Interfaces.Access;
using Crm.Web.Access;

namespace Crm.Web.Components.Pages.Stream;

/// <summary>Whom the stream's pages name: the portal's active people and its departments, loaded once per page.</summary>
public sealed record StreamPeople(IReadOnlyList<UserSummary> Users, IReadOnlyList<Department> Departments)
{
    public string NameOf(int userId) => userId == 0 ? "Automation" : Users.FirstOrDefault(u => u.Id == userId)?.DisplayName ?? $"User {userId}";

    public string DepartmentName(int id) => Departments.FirstOrDefault(d => d.Id == id)?.Name ?? $"Department {id}";

    public IEnumerable<UserSummary> Active => Users.Where(u => u.IsActive);
}
