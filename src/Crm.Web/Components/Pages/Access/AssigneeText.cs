using Crm.Grains.Interfaces.Access;
using Crm.Web.Components.Shared;

namespace Crm.Web.Components.Pages.Access;

/// <summary>How a role assignment reads: a user's name, a department's name (and whether the ones below it count), or everyone.</summary>
public static class AssigneeText
{
    public static string Of(RoleAssignment assignment, AccessSettings settings, UserNames users) => assignment.Kind switch
    {
        AssigneeKind.User => users[assignment.SubjectId ?? 0],
        AssigneeKind.Department => $"{DepartmentName(assignment.SubjectId, settings)} (department)",
        AssigneeKind.DepartmentTree => $"{DepartmentName(assignment.SubjectId, settings)} (with sub-departments)",
        _ => "Everyone",
    };

    private static string DepartmentName(int? id, AccessSettings settings) =>
        settings.Departments.FirstOrDefault(d => d.Id == id)?.Name ?? $"Department {id}";
}
