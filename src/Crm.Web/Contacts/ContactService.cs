using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Contacts;

/// <summary>
/// The contact commands every entry point uses (API, Blazor, bulk): the user's rights checked against
/// the contact as read (its responsible), then its grain, told the version that was checked.
/// </summary>
public sealed class ContactService(IGrainFactory grains, UserAccess access)
{
    public async Task<Contact> Create(RequestUser user, ContactFields fields, IReadOnlyList<long> companyIds)
    {
        (await access.Of(user)).Require(AccessEntity.Contact, AccessAction.Add, fields.ResponsibleId, "contacts for this responsible");
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, "contact")).Next();
        return await Contact(user, id).Create(fields, companyIds, user.UserId);
    }

    public async Task<Contact> Get(RequestUser user, long id) => await Checked(user, id, AccessAction.Read);

    public async Task<Contact> Update(RequestUser user, long id, ContactFields fields, long? version)
    {
        var contact = await Checked(user, id, AccessAction.Edit);
        return await Contact(user, id).Update(fields, version ?? contact.Version, user.UserId);
    }

    public async Task<Contact> SetCompanies(RequestUser user, long id, IReadOnlyList<long> companyIds, long? version)
    {
        var contact = await Checked(user, id, AccessAction.Edit);
        return await Contact(user, id).SetCompanies(companyIds, version ?? contact.Version, user.UserId);
    }

    public async Task Delete(RequestUser user, long id, long? version)
    {
        var contact = await Checked(user, id, AccessAction.Delete);
        await Contact(user, id).Delete(version ?? contact.Version, user.UserId);
    }

    private async Task<Contact> Checked(RequestUser user, long id, AccessAction action)
    {
        var contact = await Contact(user, id).Get();
        (await access.Of(user)).RequireOn(AccessEntity.Contact, action, contact.Fields.ResponsibleId, "this contact");
        return contact;
    }

    private IContactGrain Contact(RequestUser user, long id) => grains.GetGrain<IContactGrain>(GrainKeys.For(user.PortalId, id));
}
