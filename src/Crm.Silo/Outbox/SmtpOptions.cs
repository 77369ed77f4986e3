using System.Diagnostics.CodeAnalysis;

namespace Crm.Silo.Outbox;

/// <summary>The SMTP server e-mail goes through; bound from "Crm:Smtp". Without a host, e-mail is held, not sent.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Crm:Smtp";

    public string? Host { get; set; }

    /// <summary>587 (submission with STARTTLS) unless set; 465 with <see cref="UseTls"/>.</summary>
    public int? Port { get; set; }

    /// <summary>Sign in with these when set.</summary>
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender, "crm@example.com" or "Example CRM &lt;crm@example.com&gt;"; its domain also names Message-IDs.</summary>
    public string? From { get; set; }

    /// <summary>TLS from the first byte (port 465).</summary>
    public bool UseTls { get; set; }

    /// <summary>Require STARTTLS (the default). Off only for a server on a trusted network, such as a local relay.</summary>
    public bool StartTls { get; set; } = true;

    public double TimeoutSeconds { get; set; } = 30;

    [MemberNotNullWhen(true, nameof(Host))]
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
