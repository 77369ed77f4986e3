using Crm.Grains.Common;
using Crm.Grains.Interfaces.Access;

namespace Crm.Grains.Access;

/// <summary>The checks of access settings that need nothing but the settings themselves; each returns the value normalised.</summary>
public static class AccessRules
{
    public const int MaxNameLength = 100;

    public static Department CheckDepartment(Department department, AccessSettings settings)
    {
        var name = FieldRules.Text(department.Name, "name", MaxNameLength);
        if (name.Length == 0) throw CrmException.Invalid("name_required", "A department needs a name.", "name");
        var tree = new DepartmentTree(settings.Departments);
        if (department.Id != 0 && tree.Find(department.Id) is null)
            throw CrmException.NotFound("department_not_found", $"Department {department.Id} does not exist.");
        if (department.ParentId is { } parent && tree.Find(parent) is null)
            throw CrmException.Invalid("unknown_department", $"Department {parent} does not exist.", "parentId");
        if (department.Id != 0 && tree.WouldCycle(department.Id, department.ParentId))
            throw CrmException.Invalid("department_cycle", "A department cannot be placed below itself.", "parentId");
        if (settings.Departments.Any(d => d.Id != department.Id && d.ParentId == department.ParentId && string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw CrmException.Invalid("duplicate_name", $"There is already a department '{name}' there.", "name");
        return department with { Name = name, MemberIds = department.MemberIds.Distinct().Order().ToList() };
    }

    public static Role CheckRole(Role role, AccessSettings settings)
    {
        var name = FieldRules.Text(role.Name, "name", MaxNameLength);
        if (name.Length == 0) throw CrmException.Invalid("name_required", "A role needs a name.", "name");
        if (role.Id != 0 && settings.Roles.All(r => r.Id != role.Id))
            throw CrmException.NotFound("role_not_found", $"Role {role.Id} does not exist.");
        if (settings.Roles.Any(r => r.Id != role.Id && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw CrmException.Invalid("duplicate_name", $"There is already a role '{name}'.", "name");
        foreach (var p in role.Permissions) CheckPermission(p);
        var twice = role.Permissions.GroupBy(p => (p.Entity, p.Action, p.PipelineId, p.StageId)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw CrmException.Invalid("duplicate_permission", $"The role sets {Describe(twice.First())} twice.", "permissions");
        return role with { Name = name };
    }

    private static void CheckPermission(Permission p)
    {
        if (!AccessEntity.All.Contains(p.Entity))
            throw CrmException.Invalid("unknown_entity", $"'{p.Entity}' is not something rights are given on; use one of {string.Join(", ", AccessEntity.All)}.", "permissions");
        if (!Enum.IsDefined(p.Action) || !AccessEntity.ActionsOf(p.Entity).Contains(p.Action))
            throw CrmException.Invalid("unknown_action", $"'{p.Action}' is not an action on {p.Entity}; use one of {string.Join(", ", AccessEntity.ActionsOf(p.Entity))}.", "permissions");
        if (!Enum.IsDefined(p.Scope))
            throw CrmException.Invalid("unknown_scope", $"'{p.Scope}' is not a scope.", "permissions");
        if (p.Entity == AccessEntity.Settings && p.Scope is not (AccessScope.None or AccessScope.All))
            throw CrmException.Invalid("invalid_scope", "Settings can only be given to none or all.", "permissions");
        if (p.PipelineId is not null && p.Entity != AccessEntity.Deal)
            throw CrmException.Invalid("invalid_permission", $"Only deal rights can be given per pipeline ({Describe(p)}).", "permissions");
        if (p.StageId is not null && p.Entity == AccessEntity.Deal && p.PipelineId is null)
            throw CrmException.Invalid("invalid_permission", $"A deal right per stage names its pipeline ({Describe(p)}).", "permissions");
        if (p.StageId is not null && p.Entity is not (AccessEntity.Deal or AccessEntity.Lead))
            throw CrmException.Invalid("invalid_permission", $"Only deal rights per stage and lead rights per status exist ({Describe(p)}).", "permissions");
    }

    public static RoleAssignment CheckAssignment(RoleAssignment a, AccessSettings settings)
    {
        if (settings.Roles.All(r => r.Id != a.RoleId))
            throw CrmException.NotFound("role_not_found", $"Role {a.RoleId} does not exist.");
        return a.Kind switch
        {
            AssigneeKind.Everyone => a with { SubjectId = null },
            AssigneeKind.User when a.SubjectId > 0 => a,
            AssigneeKind.Department or AssigneeKind.DepartmentTree when a.SubjectId is { } d && settings.Departments.Any(x => x.Id == d) => a,
            AssigneeKind.Department or AssigneeKind.DepartmentTree => throw CrmException.Invalid("unknown_department", $"Department {a.SubjectId} does not exist.", "assignees"),
            AssigneeKind.User => throw CrmException.Invalid("unknown_user", "A role given to a user names the user.", "assignees"),
            _ => throw CrmException.Invalid("unknown_assignee", $"'{a.Kind}' is not a kind of assignee.", "assignees"),
        };
    }

    /// <summary>"deal edit in pipeline 3, stage WON" for messages.</summary>
    public static string Describe(Permission p) =>
        $"{p.Entity} {p.Action.ToString().ToLowerInvariant()}" + (p.PipelineId is { } pipeline ? $" in pipeline {pipeline}" : "") + (p.StageId is { } stage ? $", {(p.Entity == AccessEntity.Lead ? "status" : "stage")} {stage}" : "");
}
