using Crm.Grains.Interfaces.Contacts;
using static Crm.Grains.Common.MergeRules;

namespace Crm.Grains.Contacts;

/// <summary>A contact with a duplicate's values taken in (see <see cref="Common.MergeRules"/>); its companies are united by the grain.</summary>
public static class ContactMerge
{
    public static ContactFields Combine(ContactFields kept, ContactFields other) => kept with
    {
        FirstName = Fill(kept.FirstName, other.FirstName),
        SecondName = Fill(kept.SecondName, other.SecondName),
        LastName = Fill(kept.LastName, other.LastName),
        TypeId = Fill(kept.TypeId, other.TypeId),
        Position = Fill(kept.Position, other.Position),
        Phones = Phones(kept.Phones, other.Phones),
        Emails = Emails(kept.Emails, other.Emails),
        Address = Address(kept.Address, other.Address),
        Comments = CommentsOf(kept.Comments, other.Comments),
        Custom = Custom(kept.Custom, other.Custom),
    };
}
