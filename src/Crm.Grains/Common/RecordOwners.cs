using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.Common;

/// <summary>The records activities and comments can belong to, and the check that one exists in the portal.</summary>
public static class RecordOwners
{
    public static readonly string[] Kinds = ["lead", "deal", "contact", "company"];

    /// <summary>The owner with its kind normalised; refused when the kind is unknown or the record does not exist.</summary>
    public static async Task<RecordRef> Check(IGrainFactory grains, int portalId, RecordRef? owner)
    {
        var kind = owner?.Kind?.Trim().ToLowerInvariant() ?? "";
        if (!Kinds.Contains(kind))
            throw CrmException.Invalid("invalid_owner", $"It must belong to a {string.Join(", ", Kinds)}.", "owner.kind");
        var key = GrainKeys.For(portalId, owner!.Id);
        try
        {
            await (kind switch
            {
                "lead" => (Task)grains.GetGrain<ILeadGrain>(key).Get(),
                "deal" => grains.GetGrain<IDealGrain>(key).Get(),
                "contact" => grains.GetGrain<IContactGrain>(key).Get(),
                _ => grains.GetGrain<ICompanyGrain>(key).Get(),
            });
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
        {
            throw CrmException.Invalid("unknown_owner", $"There is no {kind} {owner.Id}.", "owner.id");
        }
        return new RecordRef(kind, owner.Id);
    }
}
