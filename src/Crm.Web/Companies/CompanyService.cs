using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Companies;

/// <summary>
/// The company commands every entry point uses (API, Blazor, bulk): the user's rights checked against
/// the company as read (its responsible), then its grain, told the version that was checked.
/// </summary>
public sealed class CompanyService(IGrainFactory grains, UserAccess access)
{
    public async Task<Company> Create(RequestUser user, CompanyFields fields)
    {
        (await access.Of(user)).Require(AccessEntity.Company, AccessAction.Add, fields.ResponsibleId, "companies for this responsible");
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, "company")).Next();
        return await Company(user, id).Create(fields, user.UserId);
    }

    public async Task<Company> Get(RequestUser user, long id) => await Checked(user, id, AccessAction.Read);

    public async Task<Company> Update(RequestUser user, long id, CompanyFields fields, long? version)
    {
        var company = await Checked(user, id, AccessAction.Edit);
        return await Company(user, id).Update(fields, version ?? company.Version, user.UserId);
    }

    public async Task Delete(RequestUser user, long id, long? version)
    {
        var company = await Checked(user, id, AccessAction.Delete);
        await Company(user, id).Delete(version ?? company.Version, user.UserId);
    }

    private async Task<Company> Checked(RequestUser user, long id, AccessAction action)
    {
        var company = await Company(user, id).Get();
        (await access.Of(user)).RequireOn(AccessEntity.Company, action, company.Fields.ResponsibleId, "this company");
        return company;
    }

    private ICompanyGrain Company(RequestUser user, long id) => grains.GetGrain<ICompanyGrain>(GrainKeys.For(user.PortalId, id));
}
