using Crm.Grains.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Leads;
using Crm.Grains.Interfaces.Access;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Import;

/// <summary>A lead to create: its fields and its status (the first one when null).</summary>
public sealed record ImportedLead(LeadFields Fields, string? StatusId);

/// <summary>Leads from CSV rows; checked by <see cref="LeadRules"/> and <see cref="LeadStatusRules"/>, written by <see cref="ILeadGrain"/>.</summary>
public sealed class LeadImport : RecordImport<ImportedLead>
{
    public static readonly LeadImport Instance = new();

    public override ImportFieldSet Fields => ImportFields.Leads;

    public override string IdKind => "lead";

    public override ImportedLead Build(RowValues v, ImportContext c)
    {
        var fields = new LeadFields(v["title"], ImportValues.Responsible(v["responsibleId"], c), v["firstName"], v["secondName"], v["lastName"],
            v["companyName"], v.Phones, v.Emails, ImportValues.Choice(v["sourceId"], c.LeadSources), v["sourceDescription"],
            new Utm(v["utm.source"], v["utm.medium"], v["utm.campaign"], v["utm.content"], v["utm.term"]),
            ImportValues.Number(v["amount"], "amount"), v["currency"] is { Length: > 0 } currency ? currency : Currencies.Default, v["comments"],
            CustomCells.Values(v, c));
        var status = v["statusId"] is { Length: > 0 } s ? ImportValues.Choice(s, c.LeadStatuses.Select(x => (x.Id, x.Name))) : null;
        return new ImportedLead(fields, status);
    }

    public override ImportedLead Check(ImportedLead lead, ImportContext c) =>
        new(LeadRules.Check(lead.Fields, c.LeadSources), LeadStatusRules.ForNewLead(c.LeadStatuses, lead.StatusId).Id);

    public override IReadOnlyDictionary<string, string>? CustomOf(ImportedLead lead) => lead.Fields.Custom;

    public override DuplicateKeys Keys(ImportedLead lead)
    {
        var f = lead.Fields;
        var person = $"{f.FirstName} {f.LastName}".Trim();
        // A lead is matched by its person; by its company only when it names no person.
        return DuplicateKeys.Of(f.Phones, f.Emails, person, person.Length > 0 ? "" : f.CompanyName);
    }

    public override (int ResponsibleId, string? Status) Place(ImportedLead lead) => (lead.Fields.ResponsibleId, lead.StatusId);

    public override Task Create(IGrainFactory grains, RequestUser user, long id, ImportedLead lead) =>
        Lead(grains, user, id).Create(lead.Fields, lead.StatusId, user.UserId);

    protected override async Task MergeOnce(IGrainFactory grains, RequestUser user, AccessProfile access, long id, ImportedLead lead)
    {
        var grain = Lead(grains, user, id);
        var existing = await grain.Get();
        access.RequireOn(AccessEntity.Lead, AccessAction.Edit, existing.Fields.ResponsibleId, "this lead", stageId: existing.StatusId);
        await grain.Update(Merge(existing.Fields, lead.Fields), existing.Version, user.UserId);
    }

    /// <summary>
    /// The lead's fields with its empty ones filled from the row by the record merge's rules (title,
    /// status and responsible stay), except that a row's comments never append to the record's.
    /// </summary>
    public static LeadFields Merge(LeadFields e, LeadFields row) => LeadMerge.Combine(e, row with { Comments = "" });

    private static ILeadGrain Lead(IGrainFactory grains, RequestUser user, long id) => grains.GetGrain<ILeadGrain>(GrainKeys.For(user.PortalId, id));
}
