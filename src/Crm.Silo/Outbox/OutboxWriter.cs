using Crm.Grains.Outbox;
using Npgsql;

namespace Crm.Silo.Outbox;

/// <summary>Stores messages in the outbox table (Migrations/0018); the sender takes them from there.</summary>
public sealed class OutboxWriter(NpgsqlDataSource db, OutboxSignal signal) : IOutbox
{
    public async Task<bool> Enqueue(OutboxMessage message)
    {
        var m = OutboxMessageRules.Check(message);
        // ON CONFLICT DO NOTHING: the first message with a key wins, sent or not; a re-run returns false.
        await using var command = db.CreateCommand("""
            INSERT INTO outbox (portal_id, kind, dedupe_key, recipient, subject, body, record_type, record_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (portal_id, dedupe_key) DO NOTHING
            """);
        command.Parameters.Add(new() { Value = m.PortalId });
        command.Parameters.Add(new() { Value = OutboxNames.Of(m.Kind) });
        command.Parameters.Add(new() { Value = m.DedupeKey });
        command.Parameters.Add(new() { Value = m.Recipient });
        command.Parameters.Add(new() { Value = (object?)m.Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = m.Body });
        command.Parameters.Add(new() { Value = (object?)m.RecordType ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)m.RecordId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        var inserted = await command.ExecuteNonQueryAsync() == 1;
        if (inserted) signal.Notify();
        return inserted;
    }
}
