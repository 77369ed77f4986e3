using Crm.Silo.Database;
using Crm.Grains.Interfaces.Notifications;
using Crm.Grains.ReadModel;
using Npgsql;

namespace Crm.Silo.ReadModel;

public sealed class NotificationStore(NpgsqlDataSource db) : INotificationStore
{
    public async Task<Notification> Add(int portalId, NewNotification notification)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO notifications (portal_id, user_id, kind, text, record_type, record_id)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at
            """);
        command.AddValues(portalId, notification.UserId, notification.Kind, notification.Text, notification.RecordType, notification.RecordId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Notification(portalId, reader.GetInt64(0), notification.UserId, notification.Kind, notification.Text,
            notification.RecordType, notification.RecordId, reader.GetFieldValue<DateTimeOffset>(1));
    }
}
