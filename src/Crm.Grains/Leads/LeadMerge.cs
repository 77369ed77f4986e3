using Crm.Grains.Interfaces.Leads;
using static Crm.Grains.Common.MergeRules;

namespace Crm.Grains.Leads;

/// <summary>A lead with a duplicate's values taken in (see <see cref="Common.MergeRules"/>).</summary>
public static class LeadMerge
{
    public static LeadFields Combine(LeadFields kept, LeadFields other) => kept with
    {
        FirstName = Fill(kept.FirstName, other.FirstName),
        SecondName = Fill(kept.SecondName, other.SecondName),
        LastName = Fill(kept.LastName, other.LastName),
        CompanyName = Fill(kept.CompanyName, other.CompanyName),
        Phones = Phones(kept.Phones, other.Phones),
        Emails = Emails(kept.Emails, other.Emails),
        SourceId = Fill(kept.SourceId, other.SourceId),
        SourceDescription = Fill(kept.SourceDescription, other.SourceDescription),
        Utm = kept.Utm is null || other.Utm is null ? kept.Utm ?? other.Utm : new Utm(Fill(kept.Utm.Source, other.Utm.Source),
            Fill(kept.Utm.Medium, other.Utm.Medium), Fill(kept.Utm.Campaign, other.Utm.Campaign), Fill(kept.Utm.Content, other.Utm.Content), Fill(kept.Utm.Term, other.Utm.Term)),
        // An amount only means something with its currency: both come from the same lead.
        Amount = kept.Amount == 0 ? other.Amount : kept.Amount,
        Currency = kept.Amount == 0 && other.Amount != 0 ? other.Currency : kept.Currency,
        Comments = CommentsOf(kept.Comments, other.Comments),
        Custom = Custom(kept.Custom, other.Custom),
    };
}
