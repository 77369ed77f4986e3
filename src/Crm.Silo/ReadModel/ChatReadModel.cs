using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Chat;
using Crm.Grains.ReadModel;
using Crm.Silo.Database;
using Npgsql;
using static Crm.Silo.ReadModel.RecordRows;

namespace Crm.Silo.ReadModel;

/// <summary>Writes <c>chat_conversations</c> (migration 0023) and finds a visitor's client by e-mail or phone.</summary>
public sealed class ChatReadModel(NpgsqlDataSource db, GroupedScalars scalars, ProjectionWriter writer) : IChatReadModel
{
    private static readonly string[] Columns =
    [
        "portal_id", "id", "channel", "visitor_key", "visitor_name", "record_kind", "record_id", "operator_id", "is_closed",
        "last_message_at", "unread_by_operator", "version", "data",
    ];

    private static readonly string Upsert = $"""
        INSERT INTO chat_conversations ({string.Join(", ", Columns)}) VALUES ({Placeholders(Columns.Length)})
        ON CONFLICT (portal_id, id) DO UPDATE SET {Excluded(Columns[4..])}
        WHERE chat_conversations.version < EXCLUDED.version
        """;

    public Task Project(Conversation c) => writer.Write(new ProjectionStatement(Upsert,
        Value(c.PortalId), Value(c.Id), Value(c.Channel), Value(c.VisitorKey), Value(c.Visitor.Name),
        new NpgsqlParameter { Value = (object?)c.Record?.Kind ?? DBNull.Value }, new NpgsqlParameter { Value = (object?)c.Record?.Id ?? DBNull.Value },
        new NpgsqlParameter { Value = (object?)c.OperatorId ?? DBNull.Value }, Value(c.Closed), Value(c.Messages[^1].At.UtcDateTime),
        Value(c.Messages.Count(m => m.From == ChatSide.Visitor && m.Id > c.OperatorReadUpTo)), Value(c.Version), Json(c)));

    public Task<long?> GetVersion(int portalId, long conversationId) => RecordRows.GetVersion(scalars, "chat_conversations", portalId, conversationId);

    public async Task<RecordRef?> FindClient(int portalId, string? email, string? phoneKey)
    {
        if (email is null && phoneKey is null) return null;
        await using var command = db.CreateCommand("""
            SELECT kind, id FROM (
                (SELECT 0 AS rank, 'contact' AS kind, id FROM contacts
                 WHERE portal_id = $1 AND NOT is_deleted AND (email_addresses && $2 OR phone_digits && $3) ORDER BY id LIMIT 1)
                UNION ALL
                (SELECT 1, 'lead', id FROM leads
                 WHERE portal_id = $1 AND NOT is_deleted AND (email_addresses && $2 OR phone_digits && $3) ORDER BY id LIMIT 1)) found
            ORDER BY rank LIMIT 1
            """);
        command.AddValues(portalId, email is null ? Array.Empty<string>() : [email], phoneKey is null ? Array.Empty<string>() : [phoneKey]);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new RecordRef(reader.GetString(0), reader.GetInt64(1)) : null;
    }
}
