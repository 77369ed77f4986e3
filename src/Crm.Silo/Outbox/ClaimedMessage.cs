using Crm.Grains.Outbox;

namespace Crm.Silo.Outbox;

/// <summary>
/// A message a sender has claimed. <see cref="LeaseUntil"/> identifies the claim: the sender records
/// the outcome only while the row still carries it, so a sender whose lease ran out (and whose message
/// another sender took) cannot overwrite the other's result.
/// </summary>
public sealed record ClaimedMessage(long Id, int PortalId, OutboxKind Kind, string DedupeKey, string Recipient, string? Subject, string Body,
    int Attempts, DateTime LeaseUntil);
