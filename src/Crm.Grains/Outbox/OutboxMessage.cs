namespace Crm.Grains.Outbox;

/// <summary>
/// An effect that leaves the system (mail, SMS, webhook call), handed to <see cref="IOutbox"/>.
/// <see cref="DedupeKey"/> names the effect, not the attempt: a grain that runs the same robot again
/// after a crash makes the same key, and the outbox keeps only the first message with it. It also
/// reaches the receiver (Message-ID, Idempotency-Key) so a rare repeat delivery can be dropped there.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.outbox-message")]
public sealed record OutboxMessage(
    [property: Id(0)] int PortalId,
    [property: Id(1)] OutboxKind Kind,
    [property: Id(2)] string DedupeKey,
    [property: Id(3)] string Recipient,
    [property: Id(4)] string? Subject,
    [property: Id(5)] string Body,
    [property: Id(6)] string? RecordType = null,
    [property: Id(7)] long? RecordId = null);
