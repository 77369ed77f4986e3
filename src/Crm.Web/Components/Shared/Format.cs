using System.Globalization;
using Crm.Web.Deals;

namespace Crm.Web.Components.Shared;

/// <summary>How amounts and dates read in the UI.</summary>
public static class Format
{
    public static string Money(decimal amount, string currency) =>
        $"{amount.ToString(amount == decimal.Truncate(amount) ? "#,0" : "#,0.00", CultureInfo.InvariantCulture)} {currency}";

    public static string Sums(IReadOnlyList<CurrencySum> sums) =>
        sums.Count == 0 ? "0" : string.Join(" + ", sums.Select(s => Money(s.Amount, s.Currency)));

    public static string When(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
