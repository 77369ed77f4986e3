namespace Crm.Grains.Outbox;

/// <summary>How an outbox message leaves the system; stored as its lower-case name.</summary>
[GenerateSerializer]
public enum OutboxKind
{
    /// <summary>An e-mail to <see cref="OutboxMessage.Recipient"/> (an address) by SMTP.</summary>
    Email = 0,
    /// <summary>A text message to <see cref="OutboxMessage.Recipient"/> (a phone number) through the registered SMS sender.</summary>
    Sms = 1,
    /// <summary>A signed JSON POST to <see cref="OutboxMessage.Recipient"/> (an http or https URL).</summary>
    Webhook = 2,
}
