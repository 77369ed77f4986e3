using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>The portal's working hours for the API and the settings page: anyone signed in reads them (robots' timing depends on them), the settings right changes them.</summary>
public sealed class WorkingHoursSettings(IGrainFactory grains, UserAccess access)
{
    public Task<WorkingHours> Get(RequestUser user) => grains.GetGrain<IPortalGrain>(user.PortalId).GetWorkingHours();

    public async Task<WorkingHours> Set(RequestUser user, WorkingHours hours)
    {
        await access.RequireSettings(user);
        return await grains.GetGrain<IPortalGrain>(user.PortalId).SetWorkingHours(hours, user.UserId);
    }
}
