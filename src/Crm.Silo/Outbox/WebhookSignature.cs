using System.Security.Cryptography;
using System.Text;

namespace Crm.Silo.Outbox;

/// <summary>
/// The X-Crm-Signature header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c> with the
/// portal's secret. Signing the time with the body lets a receiver refuse replays of old calls.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Crm-Signature";

    public static string Of(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}"));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }
}
