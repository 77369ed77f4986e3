using Crm.Grains.Outbox;

namespace Crm.Silo.Outbox;

/// <summary>Sends messages of one kind; the sender picks the delivery by <see cref="Kind"/>.</summary>
public interface IOutboxDelivery
{
    OutboxKind Kind { get; }

    /// <summary>One attempt. An exception counts as <see cref="DeliveryOutcome.Retry"/> with its message.</summary>
    Task<DeliveryOutcome> Deliver(ClaimedMessage message, CancellationToken ct);
}
