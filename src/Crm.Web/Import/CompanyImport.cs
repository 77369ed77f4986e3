using Crm.Grains.Companies;
using Crm.Grains.Deals;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Access;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Import;

/// <summary>Companies from CSV rows; checked by <see cref="CompanyRules"/>, written by <see cref="ICompanyGrain"/>.</summary>
public sealed class CompanyImport : RecordImport<CompanyFields>
{
    public static readonly CompanyImport Instance = new();

    public override ImportFieldSet Fields => ImportFields.Companies;

    public override string IdKind => "company";

    public override CompanyFields Build(RowValues v, ImportContext c) => new(
        v["title"], ImportValues.Responsible(v["responsibleId"], c), ImportValues.Choice(v["typeId"], c.CompanyTypes),
        ImportValues.Choice(v["industryId"], c.Industries), ImportValues.Number(v["revenue"], "revenue"),
        v["currency"] is { Length: > 0 } currency ? currency : Currencies.Default, v["taxId"], v.Phones, v.Emails, AddressOf(v), v["comments"],
        CustomCells.Values(v, c));

    public override CompanyFields Check(CompanyFields fields, ImportContext c) => CompanyRules.Check(fields, c.CompanyTypes, c.Industries);

    public override (int ResponsibleId, string? Status) Place(CompanyFields fields) => (fields.ResponsibleId, null);

    public override IReadOnlyDictionary<string, string>? CustomOf(CompanyFields record) => record.Custom;

    public override DuplicateKeys Keys(CompanyFields f) => DuplicateKeys.Of(f.Phones, f.Emails, "", f.Title);

    public override Task Create(IGrainFactory grains, RequestUser user, long id, CompanyFields fields) =>
        Company(grains, user, id).Create(fields, user.UserId);

    protected override async Task MergeOnce(IGrainFactory grains, RequestUser user, AccessProfile access, long id, CompanyFields fields)
    {
        var grain = Company(grains, user, id);
        var existing = await grain.Get();
        access.RequireOn(AccessEntity.Company, AccessAction.Edit, existing.Fields.ResponsibleId, "this company");
        await grain.Update(Merge(existing.Fields, fields), existing.Version, user.UserId);
    }

    /// <summary>The company's fields with its empty ones filled from the row (name and responsible stay).</summary>
    public static CompanyFields Merge(CompanyFields e, CompanyFields row) => CompanyMerge.Combine(e, row with { Comments = "" });

    /// <summary>The address columns of a contact or company row.</summary>
    public static Address AddressOf(RowValues v) =>
        new(v["address.street"], v["address.city"], v["address.postalCode"], v["address.region"], v["address.country"]);

    private static ICompanyGrain Company(IGrainFactory grains, RequestUser user, long id) => grains.GetGrain<ICompanyGrain>(GrainKeys.For(user.PortalId, id));
}
