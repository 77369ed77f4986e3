using Crm.Grains.Interfaces.Activities;
using Crm.Web.Api;

namespace Crm.Web.Access;

/// <summary>
/// The record an activity or comment belongs to: whoever may not see the record may not see, add or
/// change what belongs to it. Other kinds are left to the grains' own checks of the owner.
/// </summary>
public sealed class RecordOwners(RecordServices records)
{
    public async Task RequireReadable(RequestUser user, RecordRef owner)
    {
        try
        {
            switch (owner.Kind)
            {
                case "lead": await records.Leads.Get(user, owner.Id); break;
                case "deal": await records.Deals.Get(user, owner.Id); break;
                case "contact": await records.Contacts.Get(user, owner.Id); break;
                case "company": await records.Companies.Get(user, owner.Id); break;
            }
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
        {
            // The owner is input: a missing one is bad input, as the grains themselves answer.
            throw CrmException.Invalid("unknown_owner", $"There is no {owner.Kind} {owner.Id} to attach this to.", "owner.id");
        }
    }
}
