namespace Crm.Grains.Common;

/// <summary>
/// How two duplicates become one (Bitrix24's merge): the kept record's values win; its empty fields
/// take the other's values; phones, e-mails, links and custom values are united.
/// </summary>
public static class MergeRules
{
    public static string Fill(string kept, string other) => string.IsNullOrWhiteSpace(kept) ? other : kept;

    public static decimal Fill(decimal kept, decimal other) => kept == 0 ? other : kept;

    /// <summary>Both lists, without a second copy of the same number or address (compared normalised).</summary>
    public static IReadOnlyList<ContactPoint>? Points(IReadOnlyList<ContactPoint>? kept, IReadOnlyList<ContactPoint>? other, Func<string, string?> key)
    {
        var all = (kept ?? []).Concat(other ?? []).DistinctBy(p => key(p.Value) ?? p.Value).ToList();
        return all.Count == 0 ? null : all;
    }

    public static IReadOnlyList<ContactPoint>? Phones(IReadOnlyList<ContactPoint>? kept, IReadOnlyList<ContactPoint>? other) =>
        Points(kept, other, ContactPoints.PhoneKey);

    public static IReadOnlyList<ContactPoint>? Emails(IReadOnlyList<ContactPoint>? kept, IReadOnlyList<ContactPoint>? other) =>
        Points(kept, other, e => e.ToLowerInvariant());

    public static IReadOnlyDictionary<string, string>? Custom(IReadOnlyDictionary<string, string>? kept, IReadOnlyDictionary<string, string>? other)
    {
        if (other is not { Count: > 0 }) return kept;
        var all = new SortedDictionary<string, string>(other.ToDictionary(), StringComparer.Ordinal);
        foreach (var (code, value) in kept ?? new Dictionary<string, string>()) all[code] = value;
        return all;
    }

    /// <summary>The kept address with its empty parts filled from the other.</summary>
    public static Address? Address(Address? kept, Address? other)
    {
        if (kept is null || other is null) return kept ?? other;
        return new Address(Fill(kept.Street, other.Street), Fill(kept.City, other.City), Fill(kept.PostalCode, other.PostalCode),
            Fill(kept.Region, other.Region), Fill(kept.Country, other.Country));
    }

    /// <summary>Comments of both, the kept record's first.</summary>
    public static string CommentsOf(string kept, string other) =>
        string.IsNullOrWhiteSpace(other) || kept.Contains(other, StringComparison.Ordinal) ? kept
        : string.IsNullOrWhiteSpace(kept) ? other : $"{kept}\n\n{other}";
}
