using Crm.Grains.Common;
using Crm.Grains.CustomFields;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;
using static Crm.Grains.Common.TimelineText;

namespace Crm.Grains.Contacts;

/// <summary>The single writer of one contact and of its links to companies.</summary>
[GrainType("contact")]
public sealed class ContactGrain(
    [PersistentState("contact", StorageNames.Crm)] IPersistentState<RecordState<Contact>> state,
    IRecordReadModel<Contact> readModel,
    IUserDirectory users,
    TimeProvider clock,
    ILogger<ContactGrain> log) : RecordGrain<Contact, RecordState<Contact>>(state, readModel, clock, log), IContactGrain
{
    protected override string Kind => "Contact";

    public async Task<Contact> Create(ContactFields fields, IReadOnlyList<long> companyIds, int actorId)
    {
        var checkedFields = await Check(fields, null, actorId);
        var companies = await CheckCompanies(companyIds);
        return await CommitNew(new Contact(Key.PortalId, Key.Id, checkedFields, companies, default, 0, default, 0, 0), actorId);
    }

    public Task<Contact> Get() => Task.FromResult(Current);

    public async Task<Contact> Update(ContactFields fields, long? expectedVersion, int actorId)
    {
        var contact = Current;
        CheckVersion(expectedVersion);
        return await Apply(contact, contact with { Fields = await Check(fields, contact.Fields.ResponsibleId, actorId) }, "updated", actorId);
    }

    public async Task<Contact> SetCompanies(IReadOnlyList<long> companyIds, long? expectedVersion, int actorId)
    {
        var contact = Current;
        CheckVersion(expectedVersion);
        return await Apply(contact, contact with { CompanyIds = await CheckCompanies(companyIds) }, "companies changed", actorId);
    }

    public Task Delete(long? expectedVersion, int actorId) => DeleteCurrent(expectedVersion, actorId);

    public async Task<Contact> MergeFrom(long sourceId, int actorId)
    {
        var contact = Current;
        var source = await GrainFactory.GetGrain<IContactGrain>(GrainKeys.For(Key.PortalId, sourceId)).Get();
        var fields = await Check(ContactMerge.Combine(contact.Fields, source.Fields), contact.Fields.ResponsibleId, actorId);
        var companies = await CheckCompanies(contact.CompanyIds.Union(source.CompanyIds).ToList());
        return await MergeCurrent(contact with { Fields = fields, CompanyIds = companies }, sourceId, actorId);
    }

    public Task DeleteMerged(long intoId, int actorId) => DeleteAsMerged(intoId, actorId);

    protected override Task Publish(Contact record, Contact? before, bool deleted) =>
        GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.RecordFeed(record.PortalId, "contacts"))
            .PublishRecord(new RecordChanged("contacts", record.PortalId, record.Id, record.Version, deleted, record.Fields.ResponsibleId, before?.Fields.ResponsibleId));

    protected override Contact Stamp(Contact c, long version, DateTimeOffset at, int actorId) => version == 1
        ? c with { Version = 1, CreatedAt = at, CreatedBy = actorId, UpdatedAt = at, UpdatedBy = actorId }
        : c with { Version = version, UpdatedAt = at, UpdatedBy = actorId };

    protected override IReadOnlyList<FieldChange> Diff(Contact? before, Contact after)
    {
        var (a, b) = (before?.Fields, after.Fields);
        return new Changes()
            .Add("firstName", a?.FirstName, b.FirstName)
            .Add("secondName", a?.SecondName, b.SecondName)
            .Add("lastName", a?.LastName, b.LastName)
            .Add("typeId", a?.TypeId, b.TypeId)
            .Add("position", a?.Position, b.Position)
            .Add("phones", a is null ? null : Points(a.Phones), Points(b.Phones))
            .Add("emails", a is null ? null : Points(a.Emails), Points(b.Emails))
            .Add("address", a is null ? null : Address(a.Address), Address(b.Address))
            .Add("responsibleId", a is null ? null : Number(a.ResponsibleId), Number(b.ResponsibleId))
            .Add("comments", a?.Comments, b.Comments)
            .AddCustom(a?.Custom, b.Custom)
            .Add("companyIds", before is null ? null : string.Join(", ", before.CompanyIds), string.Join(", ", after.CompanyIds))
            .ToList(created: before is null);
    }

    private async Task<ContactFields> Check(ContactFields fields, int? currentResponsible, int actorId)
    {
        var checkedFields = ContactRules.Check(fields, await GrainFactory.GetGrain<ICrmListsGrain>(Key.PortalId).GetContactTypes());
        await users.CheckResponsible(Key.PortalId, checkedFields.ResponsibleId, currentResponsible, actorId);
        return checkedFields with { Custom = await GrainFactory.CheckCustom(users, Key.PortalId, "contact", fields.Custom) };
    }

    private async Task<IReadOnlyList<long>> CheckCompanies(IReadOnlyList<long>? ids)
    {
        var companies = ContactRules.CheckCompanyIds(ids);
        await RecordLinks.CheckCompanies(GrainFactory, Key.PortalId, companies, "companyIds");
        return companies;
    }
}
