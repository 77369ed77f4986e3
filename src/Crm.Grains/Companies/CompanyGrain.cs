using Crm.Grains.Common;
using Crm.Grains.CustomFields;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;
using static Crm.Grains.Common.TimelineText;

namespace Crm.Grains.Companies;

/// <summary>The single writer of one company.</summary>
[GrainType("company")]
public sealed class CompanyGrain(
    [PersistentState("company", StorageNames.Crm)] IPersistentState<RecordState<Company>> state,
    IRecordReadModel<Company> readModel,
    IUserDirectory users,
    TimeProvider clock,
    ILogger<CompanyGrain> log) : RecordGrain<Company, RecordState<Company>>(state, readModel, clock, log), ICompanyGrain
{
    protected override string Kind => "Company";

    public async Task<Company> Create(CompanyFields fields, int actorId) =>
        await CommitNew(new Company(Key.PortalId, Key.Id, await Check(fields, null, actorId), default, 0, default, 0, 0), actorId);

    public Task<Company> Get() => Task.FromResult(Current);

    public async Task<Company> Update(CompanyFields fields, long? expectedVersion, int actorId)
    {
        var company = Current;
        CheckVersion(expectedVersion);
        return await Apply(company, company with { Fields = await Check(fields, company.Fields.ResponsibleId, actorId) }, "updated", actorId);
    }

    public Task Delete(long? expectedVersion, int actorId) => DeleteCurrent(expectedVersion, actorId);

    public async Task<Company> MergeFrom(long sourceId, int actorId)
    {
        var company = Current;
        var source = await GrainFactory.GetGrain<ICompanyGrain>(GrainKeys.For(Key.PortalId, sourceId)).Get();
        return await MergeCurrent(company with { Fields = await Check(CompanyMerge.Combine(company.Fields, source.Fields), company.Fields.ResponsibleId, actorId) }, sourceId, actorId);
    }

    public Task DeleteMerged(long intoId, int actorId) => DeleteAsMerged(intoId, actorId);

    protected override Task Publish(Company record, Company? before, bool deleted) =>
        GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.RecordFeed(record.PortalId, "companies"))
            .PublishRecord(new RecordChanged("companies", record.PortalId, record.Id, record.Version, deleted, record.Fields.ResponsibleId, before?.Fields.ResponsibleId));

    protected override Company Stamp(Company c, long version, DateTimeOffset at, int actorId) => version == 1
        ? c with { Version = 1, CreatedAt = at, CreatedBy = actorId, UpdatedAt = at, UpdatedBy = actorId }
        : c with { Version = version, UpdatedAt = at, UpdatedBy = actorId };

    protected override IReadOnlyList<FieldChange> Diff(Company? before, Company after)
    {
        var (a, b) = (before?.Fields, after.Fields);
        return new Changes()
            .Add("title", a?.Title, b.Title)
            .Add("typeId", a?.TypeId, b.TypeId)
            .Add("industryId", a?.IndustryId, b.IndustryId)
            .Add("revenue", a is null ? null : Money(a.Revenue), Money(b.Revenue))
            .Add("currency", a?.Currency, b.Currency)
            .Add("taxId", a?.TaxId, b.TaxId)
            .Add("phones", a is null ? null : Points(a.Phones), Points(b.Phones))
            .Add("emails", a is null ? null : Points(a.Emails), Points(b.Emails))
            .Add("address", a is null ? null : Address(a.Address), Address(b.Address))
            .Add("responsibleId", a is null ? null : Number(a.ResponsibleId), Number(b.ResponsibleId))
            .Add("comments", a?.Comments, b.Comments)
            .AddCustom(a?.Custom, b.Custom)
            .ToList(created: before is null);
    }

    private async Task<CompanyFields> Check(CompanyFields fields, int? currentResponsible, int actorId)
    {
        var lists = GrainFactory.GetGrain<ICrmListsGrain>(Key.PortalId);
        var checkedFields = CompanyRules.Check(fields, await lists.GetCompanyTypes(), await lists.GetIndustries());
        await users.CheckResponsible(Key.PortalId, checkedFields.ResponsibleId, currentResponsible, actorId);
        return checkedFields with { Custom = await GrainFactory.CheckCustom(users, Key.PortalId, "company", fields.Custom) };
    }
}
