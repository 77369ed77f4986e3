namespace Crm.Grains.Deals;

/// <summary>The ISO 4217 currencies a deal may be priced in.</summary>
public static class Currencies
{
    public const string Default = "USD";

    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "USD", "EUR", "GBP", "RUB", "UAH", "KZT", "BYN", "CNY", "JPY", "INR", "BRL", "CAD", "AUD", "CHF",
        "PLN", "TRY", "SEK", "NOK", "DKK", "CZK", "HUF", "RON", "MXN", "ZAR", "AED", "SGD", "HKD", "NZD",
        "KRW", "ILS", "SAR", "THB", "IDR", "MYR", "PHP", "VND", "EGP", "NGN", "ARS", "CLP", "COP", "GEL",
        "AMD", "AZN", "UZS", "KGS",
    };
}
