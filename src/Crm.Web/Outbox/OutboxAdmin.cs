using Crm.Silo.Database;
using Crm.Grains.ReadModel;
using Crm.Silo.Outbox;
using Crm.Web.Access;
using Crm.Web.Api;
using Npgsql;

namespace Crm.Web.Outbox;

/// <summary>
/// The portal's outbox for its admins: the messages and their fate, "retry now" for a failed or held
/// one, and the webhook signing secret. Every id is looked up within the admin's portal only.
/// </summary>
public sealed class OutboxAdmin(NpgsqlDataSource db, UserAccess access, OutboxSignal signal, WebhookSecrets secrets, IAuditLog audit)
{
    private const string Columns = """
        id, kind, dedupe_key, recipient, subject, body, record_type, record_id, status, attempts, next_attempt_at, last_error, created_at, sent_at
        """;

    public async Task<OutboxPage> List(RequestUser admin, string? status, Paging paging)
    {
        await RequireAdmin(admin);
        var filter = CheckStatus(status);
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            SELECT {Columns} FROM outbox WHERE portal_id = $1 AND ($2::text IS NULL OR status = $2)
            ORDER BY id DESC LIMIT $3 OFFSET $4
            """, admin.PortalId, filter, paging.Limit, paging.Offset));
        batch.BatchCommands.Add(Command("SELECT count(*) FROM outbox WHERE portal_id = $1 AND ($2::text IS NULL OR status = $2)", admin.PortalId, filter));
        await using var reader = await batch.ExecuteReaderAsync();
        var items = new List<OutboxItem>();
        while (await reader.ReadAsync()) items.Add(Read(reader));
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return new OutboxPage(items, reader.GetInt64(0));
    }

    /// <summary>
    /// Makes a failed, held or waiting message due now with its attempts counted afresh; this node's
    /// sender is woken (another node's finds it at its next poll).
    /// </summary>
    public async Task<OutboxItem> Retry(RequestUser admin, long id)
    {
        await RequireAdmin(admin);
        await using var connection = await db.OpenConnectionAsync();
        await using var update = new NpgsqlCommand($"""
            UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = now()
            WHERE id = $1 AND portal_id = $2 AND status IN ('failed', 'held', 'pending')
            RETURNING {Columns}
            """, connection);
        update.AddValues(id, admin.PortalId);
        OutboxItem? retried = null;
        await using (var reader = await update.ExecuteReaderAsync())
            if (await reader.ReadAsync()) retried = Read(reader);
        if (retried is null) throw await WhyNot(connection, admin.PortalId, id);

        signal.Notify();
        await audit.Record(admin.PortalId, admin.UserId, "outbox.retried", new { id, kind = retried.Kind, recipient = retried.Recipient });
        return retried;
    }

    public async Task<WebhookSecret> Secret(RequestUser admin)
    {
        await RequireAdmin(admin);
        return await secrets.Of(admin.PortalId);
    }

    public async Task<WebhookSecret> RegenerateSecret(RequestUser admin)
    {
        await RequireAdmin(admin);
        var secret = await secrets.Regenerate(admin.PortalId);
        await audit.Record(admin.PortalId, admin.UserId, "webhook_secret.regenerated", new { });
        return secret;
    }

    /// <summary>A bad status filter is refused with the statuses that exist; none means all.</summary>
    public static string? CheckStatus(string? status)
    {
        if (string.IsNullOrWhiteSpace(status)) return null;
        var clean = status.Trim().ToLowerInvariant();
        return OutboxNames.Statuses.Contains(clean) ? clean
            : throw CrmException.Invalid("invalid_status", $"'{status}' is not an outbox status; use {string.Join(", ", OutboxNames.Statuses)}.", "status");
    }

    private Task RequireAdmin(RequestUser admin) => access.RequireAdmin(admin, "Only a portal admin can see the outbox and the webhook signing secret.");

    // Another portal's message answers exactly as a missing one, so ids cannot be probed.
    private static async Task<CrmException> WhyNot(NpgsqlConnection connection, int portalId, long id)
    {
        await using var find = new NpgsqlCommand("SELECT status FROM outbox WHERE id = $1 AND portal_id = $2", connection);
        find.AddValues(id, portalId);
        return await find.ExecuteScalarAsync() switch
        {
            OutboxNames.Sent => CrmException.Conflict("outbox_already_sent", $"Message {id} has been sent; it is not sent again."),
            OutboxNames.Sending => CrmException.Conflict("outbox_sending", $"Message {id} is being sent right now."),
            _ => CrmException.NotFound("outbox_message_not_found", $"There is no outbox message {id} in this portal."),
        };
    }

    private static OutboxItem Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetInt64(7),
        r.GetString(8), r.GetInt32(9), r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetString(11),
        r.GetFieldValue<DateTimeOffset>(12), r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13));

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value is null ? new() { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new() { Value = value });
        return command;
    }
}
