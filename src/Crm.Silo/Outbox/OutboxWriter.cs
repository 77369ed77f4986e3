using Crm.Grains.Outbox;
using Crm.Silo.Database;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Silo.Outbox;

/// <summary>
/// Stores messages in the outbox table (Migrations/0018); the sender takes them from there. Inserts
/// go with other grains' one-row statements: robots that come due together enqueue together.
/// </summary>
public sealed class OutboxWriter(GroupedScalars scalars, OutboxSignal signal) : IOutbox
{
    public async Task<bool> Enqueue(OutboxMessage message)
    {
        var m = OutboxMessageRules.Check(message);
        // ON CONFLICT DO NOTHING: the first message with a key wins, sent or not; a re-run returns no row.
        var inserted = await scalars.Run("""
            INSERT INTO outbox (portal_id, kind, dedupe_key, recipient, subject, body, record_type, record_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (portal_id, dedupe_key) DO NOTHING
            RETURNING true
            """,
            m.PortalId, OutboxNames.Of(m.Kind), m.DedupeKey, m.Recipient,
            new NpgsqlParameter { Value = (object?)m.Subject ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            m.Body,
            new NpgsqlParameter { Value = (object?)m.RecordType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)m.RecordId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint }) is true;
        if (inserted) signal.Notify();
        return inserted;
    }
}
