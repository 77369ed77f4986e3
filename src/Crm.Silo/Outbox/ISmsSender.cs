namespace Crm.Silo.Outbox;

/// <summary>A text message to send: the phone number as the outbox was given it.</summary>
public sealed record SmsToSend(int PortalId, string Phone, string Text, string DedupeKey);

/// <summary>
/// The SMS gateway, registered by whoever deploys one (an SMS provider's API client). Without one,
/// SMS messages are held in the outbox rather than failed. Throw to have the attempt retried later;
/// pass <see cref="SmsToSend.DedupeKey"/> on if the gateway can drop repeats.
/// </summary>
public interface ISmsSender
{
    Task Send(SmsToSend message, CancellationToken ct);
}
