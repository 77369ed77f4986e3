using Crm.Grains.Outbox;

namespace Crm.Silo.Outbox;

/// <summary>Sends SMS through the registered <see cref="ISmsSender"/>, or holds them when there is none.</summary>
public sealed class SmsDelivery(IEnumerable<ISmsSender> senders) : IOutboxDelivery
{
    private readonly ISmsSender? _sender = senders.LastOrDefault();

    public OutboxKind Kind => OutboxKind.Sms;

    public async Task<DeliveryOutcome> Deliver(ClaimedMessage message, CancellationToken ct)
    {
        if (_sender is null)
            return DeliveryOutcome.Held("No SMS sender is set up on the silos; the message is kept until one is and it is retried.");
        await _sender.Send(new SmsToSend(message.PortalId, message.Recipient, message.Body, message.DedupeKey), ct);
        return DeliveryOutcome.Sent;
    }
}
