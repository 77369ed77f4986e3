using Crm.Grains.Contacts;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Access;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Import;

/// <summary>Contacts from CSV rows; checked by <see cref="ContactRules"/>, written by <see cref="IContactGrain"/> (without company links).</summary>
public sealed class ContactImport : RecordImport<ContactFields>
{
    public static readonly ContactImport Instance = new();

    public override ImportFieldSet Fields => ImportFields.Contacts;

    public override string IdKind => "contact";

    public override ContactFields Build(RowValues v, ImportContext c) => new(
        v["firstName"], ImportValues.Responsible(v["responsibleId"], c), v["secondName"], v["lastName"], ImportValues.Choice(v["typeId"], c.ContactTypes),
        v["position"], v.Phones, v.Emails, CompanyImport.AddressOf(v), v["comments"], CustomCells.Values(v, c));

    public override ContactFields Check(ContactFields fields, ImportContext c) => ContactRules.Check(fields, c.ContactTypes);

    public override (int ResponsibleId, string? Status) Place(ContactFields fields) => (fields.ResponsibleId, null);

    public override IReadOnlyDictionary<string, string>? CustomOf(ContactFields record) => record.Custom;

    public override DuplicateKeys Keys(ContactFields f) => DuplicateKeys.Of(f.Phones, f.Emails, $"{f.FirstName} {f.LastName}", "");

    public override Task Create(IGrainFactory grains, RequestUser user, long id, ContactFields fields) =>
        Contact(grains, user, id).Create(fields, [], user.UserId);

    protected override async Task MergeOnce(IGrainFactory grains, RequestUser user, AccessProfile access, long id, ContactFields fields)
    {
        var grain = Contact(grains, user, id);
        var existing = await grain.Get();
        access.RequireOn(AccessEntity.Contact, AccessAction.Edit, existing.Fields.ResponsibleId, "this contact");
        await grain.Update(Merge(existing.Fields, fields), existing.Version, user.UserId);
    }

    /// <summary>The contact's fields with its empty ones filled from the row (the responsible stays).</summary>
    public static ContactFields Merge(ContactFields e, ContactFields row) => ContactMerge.Combine(e, row with { Comments = "" });

    private static IContactGrain Contact(IGrainFactory grains, RequestUser user, long id) => grains.GetGrain<IContactGrain>(GrainKeys.For(user.PortalId, id));
}
