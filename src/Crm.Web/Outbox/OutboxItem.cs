namespace Crm.Web.Outbox;

/// <summary>An outbox message as its portal's admins see it.</summary>
public sealed record OutboxItem(long Id, string Kind, string DedupeKey, string Recipient, string? Subject, string Body, string? RecordType, long? RecordId,
    string Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>One page of the outbox, newest first, and how many messages the filter matches.</summary>
public sealed record OutboxPage(IReadOnlyList<OutboxItem> Items, long Total);
