using Crm.Silo.Database;
using Crm.Grains.Interfaces.Notifications;
using Crm.Grains.ReadModel;
using Npgsql;

namespace Crm.Silo.ReadModel;

public sealed class NotificationStore(NpgsqlDataSource db) : INotificationStore
{
    public async Task<Notification?> Add(int portalId, NewNotification notification)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO notifications (portal_id, user_id, kind, text, record_type, record_id, dedupe_key)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (portal_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
            RETURNING id, created_at
            """);
        command.AddValues(portalId, notification.UserId, notification.Kind, notification.Text, notification.RecordType, notification.RecordId, notification.DedupeKey);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return new Notification(portalId, reader.GetInt64(0), notification.UserId, notification.Kind, notification.Text,
            notification.RecordType, notification.RecordId, reader.GetFieldValue<DateTimeOffset>(1));
    }
}
