using Crm.Grains.Common;
using Crm.Web.Duplicates;

namespace Crm.Web.Import;

/// <summary>
/// What a row is matched on, normalised as the read model stores it: phone digits, lower-case
/// e-mails, and a name: a person's (first and last name) or, for a company or a lead without a
/// person, the company's name. Case and spacing of names are ignored.
/// </summary>
public sealed record DuplicateKeys(IReadOnlyList<string> Phones, IReadOnlyList<string> Emails, string Person, string Company)
{
    public static DuplicateKeys Of(IReadOnlyList<ContactPoint>? phones, IReadOnlyList<ContactPoint>? emails, string person, string company) => new(
        (phones ?? []).Select(p => ContactPoints.PhoneKey(p.Value)).OfType<string>().Distinct().ToList(),
        (emails ?? []).Select(e => ContactPoints.NormalEmail(e.Value)).OfType<string>().Distinct().ToList(),
        DuplicateQueries.Normal(person),
        DuplicateQueries.Normal(company));

    /// <summary>The keys as one list of tagged strings, for matching rows of one file with each other.</summary>
    public IEnumerable<(string Key, string MatchedBy)> Tagged() =>
        Phones.Select(p => ("p:" + p, "phone"))
            .Concat(Emails.Select(e => ("e:" + e, "email")))
            .Concat(Person.Length > 0 ? [("n:" + Person, "name")] : [])
            .Concat(Company.Length > 0 ? [("c:" + Company, "name")] : []);
}
