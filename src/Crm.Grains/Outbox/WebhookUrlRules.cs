using System.Globalization;
using System.Net;

namespace Crm.Grains.Outbox;

/// <summary>
/// What a webhook URL may look like. <see cref="Check"/> is for a URL a user configures (a robot):
/// besides the form it refuses IP literals in every notation .NET or a resolver would accept
/// (127.0.0.1, 0177.0.0.1, 2130706433, 0x7f.1, [::1], full-width digits), so the only way to name a
/// host is by name. Names are judged again where it matters, at connect time, against the addresses
/// they resolve to (the silo's webhook connect guard), which also catches DNS rebinding.
/// </summary>
public static class WebhookUrlRules
{
    public const int MaxLength = 2048;

    /// <summary>A URL fit for a robot's webhook, or <see cref="CrmException"/> (invalid) saying what is wrong.</summary>
    public static Uri Check(string? url, string field = "url")
    {
        var uri = CheckForm(url, field);
        if (IsIpLiteral(uri))
            throw CrmException.Invalid("webhook_url_ip_address",
                $"A webhook URL must name its host, not give an IP address ('{uri.Host}' is one); use the receiver's host name.", field);
        return uri;
    }

    /// <summary>
    /// The form every webhook URL must have, also one the outbox is handed: absolute, http or https,
    /// without user name or password (secrets belong in the signature, not in URLs that are logged and shown).
    /// </summary>
    public static Uri CheckForm(string? url, string field = "url")
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0)
            throw CrmException.Invalid("webhook_url_required", "Give the webhook's URL, e.g. https://example.com/hooks/crm.", field);
        if (text.Length > MaxLength)
            throw CrmException.Invalid("webhook_url_too_long", $"A webhook URL has at most {MaxLength} characters.", field);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc || uri.Host.Length == 0)
            throw CrmException.Invalid("webhook_url_invalid", $"'{text}' is not an absolute URL such as https://example.com/hooks/crm.", field);
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            throw CrmException.Invalid("webhook_url_scheme", $"A webhook URL starts with https:// or http://, not {uri.Scheme}:.", field);
        if (uri.UserInfo.Length > 0)
            throw CrmException.Invalid("webhook_url_credentials",
                "A webhook URL must not contain a user name or password; receivers check the X-Crm-Signature header instead.", field);
        return uri;
    }

    /// <summary>True when the host is an address rather than a name, however it is written.</summary>
    public static bool IsIpLiteral(Uri uri)
    {
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6) return true;
        // IdnHost folds full-width and other Unicode digits to ASCII, as a resolver would.
        var host = uri.IdnHost.TrimEnd('.');
        if (IPAddress.TryParse(host.Trim('[', ']'), out _)) return true;
        // Dotted numbers in any base (0x7f.0.0.1, 0177.1) that a C resolver turns into an address.
        return host.Length > 0 && host.Split('.').All(IsNumberPart);
    }

    private static bool IsNumberPart(string part)
    {
        if (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return part.Length == 2 || long.TryParse(part.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);
        return part.Length > 0 && part.All(char.IsAsciiDigit);
    }
}
