namespace Crm.Grains.Outbox;

/// <summary>
/// The durable queue of outbound effects. A message enqueued here is sent by the silos' outbox
/// sender at least once, and once in normal operation; a grain enqueues after its own state (the
/// job's completion) is durable, so a crash between the two re-runs the job and re-enqueues the same
/// dedupe key, which this refuses.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Stores the message for sending. Returns false, storing nothing, when the portal already has a
    /// message with the same dedupe key (sent or not). Throws <see cref="CrmException"/> (invalid) for a
    /// message that could never be sent: an empty key, a recipient that is no address, phone number or URL
    /// of its kind, a webhook body that is not JSON.
    /// </summary>
    Task<bool> Enqueue(OutboxMessage message);
}
