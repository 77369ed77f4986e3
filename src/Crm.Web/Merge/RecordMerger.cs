using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.Web.Activities;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Contacts;
using Crm.Web.Deals;

namespace Crm.Web.Merge;

/// <summary>
/// Merges a duplicate into the record kept: the kept record's grain takes the duplicate's values
/// (its timeline then also shows the duplicate's), links move over (activities, the deals of a
/// contact or company, the contacts of a company), each through its own grain, and the duplicate
/// is deleted as merged. Every step can be repeated, so a merge interrupted half-way is finished by
/// merging again.
/// </summary>
public sealed class RecordMerger(IGrainFactory grains, ActivityQueries activities, DealQueries deals, ContactQueries contacts, RecordServices records)
{
    public static readonly string[] Kinds = ["lead", "contact", "company"];

    public async Task<object> Merge(RequestUser me, RecordRef keep, RecordRef duplicate)
    {
        if (keep.Kind != duplicate.Kind)
            throw CrmException.Invalid("merge_across_types", $"A {keep.Kind} can only be merged with another {keep.Kind}, not with a {duplicate.Kind}.", "merge");
        if (!Kinds.Contains(keep.Kind))
            throw CrmException.Invalid("merge_not_supported", $"Records of type '{keep.Kind}' cannot be merged; leads, contacts and companies can.", "keep");
        if (keep.Id == duplicate.Id)
            throw CrmException.Invalid("merge_same_record", "A record cannot be merged with itself.", "merge");

        await RequireRights(me, keep, duplicate);
        string Key(long id) => GrainKeys.For(me.PortalId, id);
        object kept = keep.Kind switch
        {
            "lead" => await grains.GetGrain<ILeadGrain>(Key(keep.Id)).MergeFrom(duplicate.Id, me.UserId),
            "contact" => await grains.GetGrain<IContactGrain>(Key(keep.Id)).MergeFrom(duplicate.Id, me.UserId),
            _ => await grains.GetGrain<ICompanyGrain>(Key(keep.Id)).MergeFrom(duplicate.Id, me.UserId),
        };

        foreach (var activity in await activities.OfRecord(me.PortalId, ReadableRows.Everything, duplicate.Kind, duplicate.Id))
            await grains.GetGrain<IActivityGrain>(Key(activity.Id)).MoveTo(keep, me.UserId);
        if (keep.Kind == "contact")
            foreach (var deal in await deals.OfContact(me.PortalId, ReadableRows.Everything, duplicate.Id))
                await EditDeal(me, deal.Id, d => d with { ContactIds = (d.ContactIds ?? []).Select(c => c == duplicate.Id ? keep.Id : c).Distinct().ToList() });
        if (keep.Kind == "company")
        {
            foreach (var deal in (await deals.OfCompany(me.PortalId, ReadableRows.Everything, duplicate.Id)).Where(d => d.CompanyId == duplicate.Id))
                await EditDeal(me, deal.Id, d => d with { CompanyId = keep.Id });
            foreach (var contact in await ContactsOf(me.PortalId, duplicate.Id))
            {
                var g = grains.GetGrain<IContactGrain>(Key(contact.Id));
                var c = await g.Get();
                await g.SetCompanies(c.CompanyIds.Select(id => id == duplicate.Id ? keep.Id : id).Distinct().ToList(), c.Version, me.UserId);
            }
        }

        switch (duplicate.Kind)
        {
            case "lead": await grains.GetGrain<ILeadGrain>(Key(duplicate.Id)).DeleteMerged(keep.Id, me.UserId); break;
            case "contact": await grains.GetGrain<IContactGrain>(Key(duplicate.Id)).DeleteMerged(keep.Id, me.UserId); break;
            default: await grains.GetGrain<ICompanyGrain>(Key(duplicate.Id)).DeleteMerged(keep.Id, me.UserId); break;
        }
        return kept;
    }

    /// <summary>
    /// Merging edits the kept record and deletes the duplicate: the user needs both rights on them as
    /// they are now. The links moved afterwards are part of the merge, not separate changes of the user.
    /// </summary>
    private async Task RequireRights(RequestUser me, RecordRef keep, RecordRef duplicate)
    {
        var profile = await records.Access.Of(me);
        var (kept, merged) = keep.Kind switch
        {
            "lead" => ((await grains.GetGrain<ILeadGrain>(GrainKeys.For(me.PortalId, keep.Id)).Get()).Fields.ResponsibleId,
                (await grains.GetGrain<ILeadGrain>(GrainKeys.For(me.PortalId, duplicate.Id)).Get()).Fields.ResponsibleId),
            "contact" => ((await grains.GetGrain<IContactGrain>(GrainKeys.For(me.PortalId, keep.Id)).Get()).Fields.ResponsibleId,
                (await grains.GetGrain<IContactGrain>(GrainKeys.For(me.PortalId, duplicate.Id)).Get()).Fields.ResponsibleId),
            _ => ((await grains.GetGrain<ICompanyGrain>(GrainKeys.For(me.PortalId, keep.Id)).Get()).Fields.ResponsibleId,
                (await grains.GetGrain<ICompanyGrain>(GrainKeys.For(me.PortalId, duplicate.Id)).Get()).Fields.ResponsibleId),
        };
        profile.RequireOn(keep.Kind, Grains.Interfaces.Access.AccessAction.Edit, kept, $"this {keep.Kind}");
        profile.RequireOn(keep.Kind, Grains.Interfaces.Access.AccessAction.Delete, merged, $"the duplicate {keep.Kind}");
    }

    private async Task EditDeal(RequestUser me, long id, Func<DealFields, DealFields> change)
    {
        var g = grains.GetGrain<IDealGrain>(GrainKeys.For(me.PortalId, id));
        var d = await g.Get();
        await g.Update(change(new DealFields(d.Title, d.Amount, d.Currency, d.ResponsibleId, d.BeginDate, d.CloseDate, d.Comments, d.CompanyId, d.ContactIds, d.Custom)),
            d.Version, me.UserId);
    }

    private async Task<IReadOnlyList<ContactRow>> ContactsOf(int portalId, long companyId)
    {
        var all = new List<ContactRow>();
        for (var offset = 0; ; offset += 500)
        {
            var page = await contacts.List(portalId, ReadableRows.Everything, null, companyId, null, offset, 500);
            all.AddRange(page.Items);
            if (page.Items.Count < 500) return all;
        }
    }
}
