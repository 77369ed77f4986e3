using Crm.Grains.Interfaces.Access;
using Crm.Grains.ReadModel;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Portals;

namespace Crm.Web.Users;

/// <summary>What an admin asks for when adding a user: sign-in e-mail, shown name, first password, departments to join.</summary>
public sealed record NewUserRequest(string? Email, string? DisplayName, string? Password, IReadOnlyList<int>? DepartmentIds = null);

/// <summary>
/// Adds users to the admin's own portal. Every input is checked before the user is stored, so a
/// refused request creates nothing; the new user then joins the chosen departments through the access grain.
/// </summary>
public sealed class UserAdmin(PortalProvisioning provisioning, UserAccess access, IGrainFactory grains, IAuditLog audit)
{
    public async Task<UserSummary> Create(RequestUser admin, NewUserRequest request)
    {
        await access.RequireAdmin(admin, "Only a portal admin can add users.");
        var email = UserInput.Email(request.Email);
        var name = UserInput.DisplayName(request.DisplayName);
        if (string.IsNullOrEmpty(request.Password))
            throw CrmException.Invalid("password_required", "Enter a first password for the user.", "password");
        var departmentIds = await CheckDepartments(admin, request.DepartmentIds ?? []);

        var (id, result) = await provisioning.TryCreateUser(admin.PortalId, new NewUser(email, name, request.Password));
        if (id is not { } userId) throw UserInput.Refusal(email, result);
        await audit.Record(admin.PortalId, admin.UserId, "user.created", new { userId, email, displayName = name, departmentIds });

        var accessGrain = grains.GetGrain<IAccessGrain>(admin.PortalId);
        foreach (var departmentId in departmentIds)
        {
            // Read again for each: the grain replaces a department whole, so it must carry today's members.
            var department = (await accessGrain.Get()).Departments.Single(d => d.Id == departmentId);
            await accessGrain.SaveDepartment(department with { MemberIds = [.. department.MemberIds, userId] }, admin.UserId);
        }
        return new UserSummary(userId, name, email, true);
    }

    private async Task<IReadOnlyList<int>> CheckDepartments(RequestUser admin, IReadOnlyList<int> departmentIds)
    {
        var known = (await grains.GetGrain<IAccessGrain>(admin.PortalId).Get()).Departments.Select(d => d.Id).ToHashSet();
        foreach (var id in departmentIds)
            if (!known.Contains(id))
                throw CrmException.Invalid("unknown_department", $"There is no department {id} in this portal.", "departmentIds");
        return departmentIds.Distinct().ToList();
    }
}
