using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Api;

namespace Crm.Web.Leads;

/// <summary>The lead commands every entry point uses (API, Blazor): ids within the user's portal, then the lead's grain.</summary>
public sealed class LeadService(IGrainFactory grains)
{
    public async Task<Lead> Create(RequestUser user, LeadFields fields, string? statusId)
    {
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, "lead")).Next();
        return await Lead(user, id).Create(fields, statusId, user.UserId);
    }

    public Task<Lead> Get(RequestUser user, long id) => Lead(user, id).Get();

    public Task<Lead> Update(RequestUser user, long id, LeadFields fields, long? version) => Lead(user, id).Update(fields, version, user.UserId);

    public Task<Lead> SetStatus(RequestUser user, long id, string statusId, long? version) => Lead(user, id).SetStatus(statusId, version, user.UserId);

    public Task Delete(RequestUser user, long id, long? version) => Lead(user, id).Delete(version, user.UserId);

    public Task<Lead> Convert(RequestUser user, long id, LeadConversionRequest request, long? version) => Lead(user, id).Convert(request, version, user.UserId);

    private ILeadGrain Lead(RequestUser user, long id) => grains.GetGrain<ILeadGrain>(GrainKeys.For(user.PortalId, id));
}
