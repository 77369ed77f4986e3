using Crm.Grains.Interfaces.Notifications;

namespace Crm.Web.Notifications;

/// <summary>Where a notification about a record takes its reader: the board with the record's card open.</summary>
public static class NotificationLinks
{
    public static string? For(Notification notification) => (notification.RecordType, notification.RecordId) switch
    {
        ("deal", { } id) => $"/deals/{id}",
        ("lead", { } id) => $"/leads/board?lead={id}",
        ("post", { } id) => $"/stream?post={id}",
        _ => null,
    };
}
