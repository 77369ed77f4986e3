using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Crm.Web.Access;

/// <summary>The secret of an API token: how it is made, recognised and stored.</summary>
public static class ApiTokenSecret
{
    /// <summary>Makes tokens recognisable to people and to secret scanners.</summary>
    public const string Prefix = "crm_";

    /// <summary>32 random bytes (256 bits) from the CSPRNG, URL-safe so it fits headers and query strings.</summary>
    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Only the SHA-256 is stored: the secret has full entropy, so a slow hash would add nothing but cost per request.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Lets obvious garbage be refused without a database round trip.</summary>
    public static bool LooksValid(string? secret) =>
        secret is { Length: > 4 and <= 200 } && secret.StartsWith(Prefix, StringComparison.Ordinal);
}
