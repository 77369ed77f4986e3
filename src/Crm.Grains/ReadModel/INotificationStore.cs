using Crm.Grains.Interfaces.Notifications;

namespace Crm.Grains.ReadModel;

/// <summary>Stores users' notifications (table <c>notifications</c>).</summary>
public interface INotificationStore
{
    /// <summary>Stores the notification for its recipient and returns it with its id and time; null when one with its dedupe key is stored already.</summary>
    Task<Notification?> Add(int portalId, NewNotification notification);
}
