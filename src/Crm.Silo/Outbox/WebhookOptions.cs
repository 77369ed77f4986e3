namespace Crm.Silo.Outbox;

/// <summary>How webhooks are called; bound from "Crm:Webhooks".</summary>
public sealed class WebhookOptions
{
    public const string Section = "Crm:Webhooks";

    /// <summary>
    /// Let webhooks reach loopback, private, link-local and other internal addresses. Off by default: a
    /// user who configures a robot must not be able to make the server call its own network
    /// (metadata services, databases, admin pages).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Host names (comma-separated, exact, any case) allowed to resolve to internal addresses, e.g. "hooks.intranet".</summary>
    public string? AllowedHosts { get; set; }

    /// <summary>How long one call may take, connecting included.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    public bool Allows(string host) =>
        AllowPrivateNetworks || (AllowedHosts ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(h => string.Equals(h.TrimEnd('.'), host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
}
