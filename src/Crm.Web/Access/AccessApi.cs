using System.Security.Claims;
using Crm.Grains.Interfaces.Access;
using Crm.Web.Api;

namespace Crm.Web.Access;

/// <summary>
/// The portal's access settings (<c>/api/access</c>): departments, roles with their rights, who has
/// which role, and the admins. Everyone may read their own rights; only admins see and change the
/// rest (the access grain refuses changes by others, so no path around this API can make them).
/// </summary>
public static class AccessApi
{
    public sealed record DepartmentBody(string? Name, int? ParentId, int? HeadId, List<int>? MemberIds);

    public sealed record PermissionBody(string? Entity, AccessAction? Action, AccessScope? Scope, long? PipelineId, string? StageId);

    public sealed record RoleBody(string? Name, List<PermissionBody?>? Permissions);

    public sealed record AssigneeBody(AssigneeKind? Kind, int? SubjectId);

    public sealed record AdminBody(bool? IsAdmin);

    public static IEndpointRouteBuilder MapAccessApi(this IEndpointRouteBuilder app)
    {
        var access = app.MapGroup("/api/access").RequireAuthorization().WithTags("Access");

        access.MapGet("/me", async (ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await Grain(grains, user).ProfileOf(user.UserId()))).WithName("GetMyAccess")
            .WithDescription("The signed-in user's rights: admin or not, the roles that reach them, and the users their department scopes cover.");

        access.MapGet("/", async (ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await CheckAdmin(grains, user);
            return TypedResults.Ok(await Grain(grains, user).Get());
        }).WithName("GetAccessSettings");

        access.MapPost("/departments", async (ClaimsPrincipal user, IGrainFactory grains, DepartmentBody? body) =>
        {
            var department = await Grain(grains, user).SaveDepartment(Department(0, body), user.UserId());
            return TypedResults.Created($"/api/access/departments/{department.Id}", department);
        }).WithName("AddDepartment");
        access.MapPut("/departments/{id:int}", async (int id, ClaimsPrincipal user, IGrainFactory grains, DepartmentBody? body) =>
            TypedResults.Ok(await Grain(grains, user).SaveDepartment(Department(id, body), user.UserId()))).WithName("ChangeDepartment");
        access.MapDelete("/departments/{id:int}", async (int id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Grain(grains, user).DeleteDepartment(id, user.UserId());
            return TypedResults.NoContent();
        }).WithName("DeleteDepartment");

        access.MapPost("/roles", async (ClaimsPrincipal user, IGrainFactory grains, RoleBody? body) =>
        {
            var role = await Grain(grains, user).SaveRole(Role(0, body), user.UserId());
            return TypedResults.Created($"/api/access/roles/{role.Id}", role);
        }).WithName("AddRole").WithDescription("A role: a name and rights {entity, action, scope, pipelineId?, stageId?}; the most specific right for a record decides.");
        access.MapPut("/roles/{id:int}", async (int id, ClaimsPrincipal user, IGrainFactory grains, RoleBody? body) =>
            TypedResults.Ok(await Grain(grains, user).SaveRole(Role(id, body), user.UserId()))).WithName("ChangeRole");
        access.MapDelete("/roles/{id:int}", async (int id, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await Grain(grains, user).DeleteRole(id, user.UserId());
            return TypedResults.NoContent();
        }).WithName("DeleteRole");
        access.MapPut("/roles/{id:int}/assignees", async (int id, ClaimsPrincipal user, IGrainFactory grains, List<AssigneeBody?>? body) =>
            TypedResults.Ok(await Grain(grains, user).SetAssignees(id, Assignees(id, body), user.UserId())))
            .WithName("SetRoleAssignees").WithDescription("Replaces who has the role: [{kind: user|department|departmentTree|everyone, subjectId}].");

        access.MapPut("/admins/{userId:int}", async (int userId, ClaimsPrincipal user, IGrainFactory grains, AdminBody? body) =>
        {
            await Grain(grains, user).SetAdmin(userId, body?.IsAdmin ?? throw CrmException.Invalid("is_admin_required", "Say whether the user is an admin: {\"isAdmin\": true|false}.", "isAdmin"), user.UserId());
            return TypedResults.NoContent();
        }).WithName("SetAdmin");

        access.MapGet("/audit", async (ClaimsPrincipal user, IGrainFactory grains, AuditQueries audit, int? limit) =>
        {
            await CheckAdmin(grains, user);
            return TypedResults.Ok(await audit.Newest(user.PortalId(), Math.Clamp(limit ?? 100, 1, 1000)));
        }).WithName("GetAuditLog").WithDescription("The newest audit entries first: access changes and sign-ins.");
        return app;
    }

    private static IAccessGrain Grain(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<IAccessGrain>(user.PortalId());

    private static async Task CheckAdmin(IGrainFactory grains, ClaimsPrincipal user)
    {
        if (!(await Grain(grains, user).ProfileOf(user.UserId())).IsAdmin)
            throw CrmException.Forbidden("not_admin", "Only a portal admin can see the access settings and the audit log.");
    }

    private static Department Department(int id, DepartmentBody? body) =>
        new(id, body?.Name ?? "", body?.ParentId, body?.HeadId, body?.MemberIds ?? []);

    private static Role Role(int id, RoleBody? body) => new(id, body?.Name ?? "", (body?.Permissions ?? []).Select((p, i) =>
        p is { Entity: { } entity, Action: { } action, Scope: { } scope }
            ? new Permission(entity, action, scope, p.PipelineId, p.StageId is { Length: > 0 } stage ? stage : null)
            : throw CrmException.Invalid("invalid_permission", $"Right {i + 1} needs an entity, an action and a scope.", $"permissions[{i}]")).ToList());

    private static List<RoleAssignment> Assignees(int roleId, List<AssigneeBody?>? body) => (body ?? []).Select((a, i) =>
        a?.Kind is { } kind ? new RoleAssignment(roleId, kind, a.SubjectId)
            : throw CrmException.Invalid("invalid_assignee", $"Assignee {i + 1} needs a kind (user, department, departmentTree, everyone).", $"[{i}]")).ToList();
}
