using Crm.Grains.Interfaces.Companies;
using static Crm.Grains.Common.MergeRules;

namespace Crm.Grains.Companies;

/// <summary>A company with a duplicate's values taken in (see <see cref="Common.MergeRules"/>).</summary>
public static class CompanyMerge
{
    public static CompanyFields Combine(CompanyFields kept, CompanyFields other) => kept with
    {
        TypeId = Fill(kept.TypeId, other.TypeId),
        IndustryId = Fill(kept.IndustryId, other.IndustryId),
        Revenue = kept.Revenue == 0 ? other.Revenue : kept.Revenue,
        Currency = kept.Revenue == 0 && other.Revenue != 0 ? other.Currency : kept.Currency,
        TaxId = Fill(kept.TaxId, other.TaxId),
        Phones = Phones(kept.Phones, other.Phones),
        Emails = Emails(kept.Emails, other.Emails),
        Address = Address(kept.Address, other.Address),
        Comments = CommentsOf(kept.Comments, other.Comments),
        Custom = Custom(kept.Custom, other.Custom),
    };
}
