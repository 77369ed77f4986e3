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
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = notification.UserId });
        command.Parameters.Add(new() { Value = notification.Kind });
        command.Parameters.Add(new() { Value = notification.Text });
        command.Parameters.Add(new() { Value = (object?)notification.RecordType ?? DBNull.Value });
        command.Parameters.Add(new() { Value = (object?)notification.RecordId ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Notification(portalId, reader.GetInt64(0), notification.UserId, notification.Kind, notification.Text,
            notification.RecordType, notification.RecordId, reader.GetFieldValue<DateTimeOffset>(1));
    }
}
