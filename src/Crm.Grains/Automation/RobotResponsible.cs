using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Automation;

/// <summary>The new responsible of a SetResponsible robot: a fixed user, or the department's active members in turn.</summary>
public static class RobotResponsible
{
    public static async Task<int> Pick(IGrainFactory grains, IUserDirectory users, int portalId, RobotSettings settings)
    {
        if (settings.ResponsibleMode != ResponsibleMode.RoundRobin)
        {
            var userId = settings.ToUserId ?? throw CrmException.Invalid("setting_required", "no user is set", "settings.toUserId");
            await users.CheckActive(portalId, userId);
            return userId;
        }
        var department = (await grains.GetGrain<IAccessGrain>(portalId).Get()).Departments.FirstOrDefault(d => d.Id == settings.DepartmentId)
            ?? throw CrmException.Invalid("unknown_department", $"department {settings.DepartmentId} no longer exists", "settings.departmentId");
        var active = new List<int>();
        foreach (var member in department.MemberIds)
            if (await users.IsActiveUser(portalId, member)) active.Add(member);
        if (active.Count == 0)
            throw CrmException.Invalid("department_empty", $"department {department.Name} has no active members", "settings.departmentId");
        return await grains.GetGrain<IRobotTurnsGrain>($"{portalId}/department-{department.Id}").Next(active);
    }
}
