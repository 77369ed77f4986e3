using System.Security.Cryptography;
using Crm.Grains.Chat;
using Microsoft.AspNetCore.DataProtection;

namespace Crm.Web.Chat;

/// <summary>An anonymous visitor of one portal's website chat, as their session token names them.</summary>
public readonly record struct ChatSession(int PortalId, string VisitorKey);

/// <summary>
/// Visitor sessions of the website chat: an opaque token (protected with the cluster's shared key
/// ring, so any web node reads it) naming the portal and a random visitor id. The widget keeps it and
/// sends it with each call; nothing else identifies a visitor.
/// </summary>
public sealed class ChatSessions(IDataProtectionProvider protection)
{
    public const string Header = "X-Chat-Session";

    private readonly IDataProtector _protector = protection.CreateProtector("Crm.ChatSessions.v1");

    public string Start(int portalId) =>
        _protector.Protect($"{portalId}|{ChatRules.SiteChannel}:{Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}");

    /// <summary>The session the request's token names; refused when it is missing or not one of ours.</summary>
    public ChatSession Of(HttpRequest request) => Read(request.Headers[Header].ToString() is { Length: > 0 } header ? header : request.Query["session"].ToString());

    public ChatSession Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token)) throw Refused();
        try
        {
            var parts = _protector.Unprotect(token).Split('|', 2);
            return new ChatSession(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1]);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or IndexOutOfRangeException)
        {
            throw Refused();
        }
    }

    private static CrmException Refused() =>
        CrmException.Forbidden("invalid_chat_session", $"Start a chat session first (POST /api/public/chat/{{portalId}}/sessions) and send its token in the {Header} header.");
}
