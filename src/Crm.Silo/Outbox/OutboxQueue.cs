using Crm.Silo.Database;
using Npgsql;

namespace Crm.Silo.Outbox;

/// <summary>
/// The sender's side of the outbox table: claim due messages, record each attempt's outcome. Times
/// come from the database's clock, so senders on several nodes agree on what is due and leased.
/// </summary>
public sealed class OutboxQueue(NpgsqlDataSource db, GroupedScalars scalars)
{
    private const int MaxErrorLength = 2000;

    /// <summary>
    /// Claims up to <paramref name="count"/> due messages: pending ones whose time has come and
    /// 'sending' ones whose lease ran out (their sender died mid-send). SKIP LOCKED lets concurrent
    /// senders claim disjoint batches without waiting on each other.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedMessage>> Claim(int count, TimeSpan lease, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            UPDATE outbox o SET status = 'sending', lease_until = now() + $2, attempts = o.attempts + 1
            FROM (SELECT id FROM outbox
                  WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND lease_until < now())
                  ORDER BY next_attempt_at, id
                  LIMIT $1
                  FOR UPDATE SKIP LOCKED) due
            WHERE o.id = due.id
            RETURNING o.id, o.portal_id, o.kind, o.dedupe_key, o.recipient, o.subject, o.body, o.attempts, o.lease_until
            """);
        command.Parameters.Add(new() { Value = count });
        command.Parameters.Add(new() { Value = lease });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var claimed = new List<ClaimedMessage>();
        while (await reader.ReadAsync(ct))
            claimed.Add(new ClaimedMessage(reader.GetInt64(0), reader.GetInt32(1), OutboxNames.KindOf(reader.GetString(2)), reader.GetString(3),
                reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetInt32(7), reader.GetDateTime(8)));
        return claimed;
    }

    /// <summary>Marks the message sent; false when the claim was lost (its lease ran out and another sender took it).</summary>
    public Task<bool> Sent(ClaimedMessage m) =>
        Update(m, "status = 'sent', sent_at = now(), lease_until = NULL");

    /// <summary>Keeps the message without sending it (nothing here can send its kind) until an admin retries it.</summary>
    public Task<bool> Held(ClaimedMessage m, string reason) =>
        Update(m, "status = 'held', lease_until = NULL, last_error = $3", Trim(reason));

    /// <summary>Gives up on the message, keeping the error for the admin.</summary>
    public Task<bool> Failed(ClaimedMessage m, string error) =>
        Update(m, "status = 'failed', lease_until = NULL, last_error = $3", Trim(error));

    /// <summary>Puts the message back, due again after <paramref name="delay"/>.</summary>
    public Task<bool> RetryLater(ClaimedMessage m, string error, TimeSpan delay) =>
        Update(m, "status = 'pending', lease_until = NULL, last_error = $3, next_attempt_at = now() + $4", Trim(error), delay);

    // Not cancelled with the sender: an outcome reached should be recorded, or the message is sent again.
    // A batch's outcomes go to the database together.
    private async Task<bool> Update(ClaimedMessage m, string set, params object[] values) =>
        await scalars.Run($"UPDATE outbox SET {set} WHERE id = $1 AND status = 'sending' AND lease_until = $2 RETURNING true", [m.Id, m.LeaseUntil, .. values]) is true;

    private static string Trim(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
}
