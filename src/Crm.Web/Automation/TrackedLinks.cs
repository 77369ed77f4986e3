using System.Security.Cryptography;
using System.Text.Json;
using Crm.Grains.Interfaces.Activities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Crm.Web.Automation;

/// <summary>What a tracked link names: the portal, the lead or deal it was made for, and where it leads.</summary>
public sealed record TrackedLink(int PortalId, RecordRef Record, string Url);

/// <summary>
/// Tracked links carry everything in their token, protected (encrypted and signed) with ASP.NET Data
/// Protection, so no table is needed and a changed token is simply not one. Only http and https
/// targets: a link in a client's mail must not become a javascript: or file: launcher.
/// </summary>
public sealed class TrackedLinks(IDataProtectionProvider protection)
{
    public const string PathPrefix = "/l/";
    public const int MaxUrlLength = 2_000;

    private readonly IDataProtector _protector = protection.CreateProtector("Crm.TrackedLinks.v1");

    private sealed record Payload(int P, string K, long I, string U);

    public string Protect(TrackedLink link) =>
        WebEncoders.Base64UrlEncode(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(new Payload(link.PortalId, link.Record.Kind, link.Record.Id, link.Url))));

    /// <summary>The link a token names, or null for anything that is not a token of ours (bad encoding, changed bytes, another key ring).</summary>
    public TrackedLink? Unprotect(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 8 * MaxUrlLength) return null;
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
            return payload is null || TargetOrNull(payload.U) is null ? null : new TrackedLink(payload.P, new RecordRef(payload.K, payload.I), payload.U);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The absolute http(s) address a link may lead to, or a refusal saying why not.</summary>
    public static string Target(string? url) =>
        TargetOrNull(url) ?? throw CrmException.Invalid("invalid_url", $"The link must lead to an absolute http or https address of at most {MaxUrlLength} characters.", "url");

    private static string? TargetOrNull(string? url)
    {
        var text = url?.Trim() ?? "";
        return text.Length is > 0 and <= MaxUrlLength && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0
            ? uri.AbsoluteUri : null;
    }
}
