namespace Crm.Silo.Outbox;

/// <summary>What became of one attempt to send a message.</summary>
public sealed record DeliveryOutcome(DeliveryResult Result, string? Error = null)
{
    public static readonly DeliveryOutcome Sent = new(DeliveryResult.Sent);

    /// <summary>Nothing can send this kind here (no SMTP server, no SMS sender): kept, not failed.</summary>
    public static DeliveryOutcome Held(string reason) => new(DeliveryResult.Held, reason);

    /// <summary>Worth trying again later (timeouts, refused connections, 5xx, temporary SMTP errors).</summary>
    public static DeliveryOutcome Retry(string error) => new(DeliveryResult.Retry, error);

    /// <summary>Trying again cannot help (a refused address, a 4xx answer, a permanent SMTP refusal).</summary>
    public static DeliveryOutcome Fail(string error) => new(DeliveryResult.Fail, error);
}

public enum DeliveryResult
{
    Sent,
    Held,
    Retry,
    Fail,
}
