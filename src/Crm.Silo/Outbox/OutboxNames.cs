using Crm.Grains.Outbox;

namespace Crm.Silo.Outbox;

/// <summary>The names kinds and statuses have in the outbox table and the API.</summary>
public static class OutboxNames
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Held = "held";

    public static readonly IReadOnlyList<string> Statuses = [Pending, Sending, Sent, Failed, Held];

    public static string Of(OutboxKind kind) => kind switch
    {
        OutboxKind.Email => "email",
        OutboxKind.Sms => "sms",
        _ => "webhook",
    };

    public static OutboxKind KindOf(string name) => name switch
    {
        "email" => OutboxKind.Email,
        "sms" => OutboxKind.Sms,
        "webhook" => OutboxKind.Webhook,
        _ => throw new InvalidOperationException($"Unknown outbox kind '{name}' in the outbox table."),
    };
}
