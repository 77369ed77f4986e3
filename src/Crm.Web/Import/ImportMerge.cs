using Crm.Grains.Common;

namespace Crm.Web.Import;

/// <summary>
/// How a row is merged into the record it duplicates: the record's values win, its empty fields are
/// filled from the row, and the row's phones and e-mails it lacks are added (compared normalised).
/// </summary>
public static class ImportMerge
{
    public static string Fill(string existing, string incoming) => existing.Length > 0 ? existing : incoming;

    public static IReadOnlyList<ContactPoint> Phones(IReadOnlyList<ContactPoint>? existing, IReadOnlyList<ContactPoint>? incoming) =>
        Add(existing, incoming, p => ContactPoints.PhoneKey(p) ?? p);

    public static IReadOnlyList<ContactPoint> Emails(IReadOnlyList<ContactPoint>? existing, IReadOnlyList<ContactPoint>? incoming) =>
        Add(existing, incoming, e => ContactPoints.NormalEmail(e) ?? e);

    public static Address Address(Address? existing, Address? incoming)
    {
        var (a, b) = (existing ?? new Address(), incoming ?? new Address());
        return new Address(Fill(a.Street, b.Street), Fill(a.City, b.City), Fill(a.PostalCode, b.PostalCode), Fill(a.Region, b.Region), Fill(a.Country, b.Country));
    }

    /// <summary>An amount and its currency: the record's, unless it has none.</summary>
    public static (decimal Amount, string Currency) Money(decimal amount, string currency, decimal incoming, string incomingCurrency) =>
        amount == 0 && incoming != 0 ? (incoming, incomingCurrency) : (amount, currency);

    private static IReadOnlyList<ContactPoint> Add(IReadOnlyList<ContactPoint>? existing, IReadOnlyList<ContactPoint>? incoming, Func<string, string> key)
    {
        var result = (existing ?? []).ToList();
        var known = result.Select(p => key(p.Value)).ToHashSet();
        result.AddRange((incoming ?? []).Where(p => known.Add(key(p.Value))));
        return result;
    }
}
