using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Leads;

/// <summary>
/// The lead commands every entry point uses (API, Blazor): ids within the user's portal, the user's
/// rights checked against the lead as read, then the lead's grain, told the version that was checked
/// so that a lead changed in between is refused rather than changed unchecked.
/// </summary>
public sealed class LeadService(IGrainFactory grains, UserAccess access)
{
    public async Task<Lead> Create(RequestUser user, LeadFields fields, string? statusId)
    {
        var status = statusId ?? (await grains.GetGrain<ICrmListsGrain>(user.PortalId).GetLeadStatuses())[0].Id;
        (await access.Of(user)).Require(AccessEntity.Lead, AccessAction.Add, fields.ResponsibleId, "leads for this responsible in this status", stageId: status);
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, "lead")).Next();
        return await Lead(user, id).Create(fields, statusId, user.UserId);
    }

    public async Task<Lead> Get(RequestUser user, long id) => (await Checked(user, id, AccessAction.Read)).Lead;

    public async Task<Lead> Update(RequestUser user, long id, LeadFields fields, long? version)
    {
        var (lead, _) = await Checked(user, id, AccessAction.Edit);
        return await Lead(user, id).Update(fields, version ?? lead.Version, user.UserId);
    }

    public async Task<Lead> SetStatus(RequestUser user, long id, string statusId, long? version)
    {
        var (lead, profile) = await Checked(user, id, AccessAction.Edit);
        profile.Require(AccessEntity.Lead, AccessAction.Edit, lead.Fields.ResponsibleId, $"leads in status {statusId}", stageId: statusId);
        return await Lead(user, id).SetStatus(statusId, version ?? lead.Version, user.UserId);
    }

    public async Task Delete(RequestUser user, long id, long? version)
    {
        var (lead, _) = await Checked(user, id, AccessAction.Delete);
        await Lead(user, id).Delete(version ?? lead.Version, user.UserId);
    }

    /// <summary>Converting changes the lead and adds each target record (its responsible is the lead's).</summary>
    public async Task<Lead> Convert(RequestUser user, long id, LeadConversionRequest request, long? version)
    {
        var (lead, profile) = await Checked(user, id, AccessAction.Edit);
        var responsible = lead.Fields.ResponsibleId;
        if (request.Contact) profile.Require(AccessEntity.Contact, AccessAction.Add, responsible, "contacts");
        if (request.Company) profile.Require(AccessEntity.Company, AccessAction.Add, responsible, "companies");
        if (request.Deal) profile.Require(AccessEntity.Deal, AccessAction.Add, responsible, "deals in this pipeline", request.PipelineId);
        return await Lead(user, id).Convert(request, version ?? lead.Version, user.UserId);
    }

    /// <summary>The lead, once the user's rights allow the action on it where it is (its responsible and status).</summary>
    private async Task<(Lead Lead, AccessProfile Profile)> Checked(RequestUser user, long id, AccessAction action)
    {
        var lead = await Lead(user, id).Get();
        var profile = await access.Of(user);
        profile.RequireOn(AccessEntity.Lead, action, lead.Fields.ResponsibleId, "this lead", stageId: lead.StatusId);
        return (lead, profile);
    }

    private ILeadGrain Lead(RequestUser user, long id) => grains.GetGrain<ILeadGrain>(GrainKeys.For(user.PortalId, id));
}
