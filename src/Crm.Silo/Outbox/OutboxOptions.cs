namespace Crm.Silo.Outbox;

/// <summary>How the outbox sender works; bound from "Crm:Outbox". The defaults suit production.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Crm:Outbox";

    /// <summary>Whether this silo runs a sender. Every silo may: claims never overlap.</summary>
    public bool SenderEnabled { get; set; } = true;

    /// <summary>How often an idle sender looks for due messages enqueued on other nodes or due for retry.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Messages claimed (and sent in parallel) at once: a mass mailing by robots must not queue for long, and a mail relay takes this many connections.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>How long a claim lasts; longer than a send can take (SMTP and webhook timeouts), or a slow send would be repeated.</summary>
    public double LeaseSeconds { get; set; } = 120;

    /// <summary>Attempts (claims) before a message is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further one.</summary>
    public double RetryBaseSeconds { get; set; } = 30;

    /// <summary>The longest wait between two attempts.</summary>
    public double RetryMaxSeconds { get; set; } = 3600;
}
