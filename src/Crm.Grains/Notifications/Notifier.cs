using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Notifications;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Notifications;

/// <summary>Tells a user something: the notification is stored first, so a user who is not online finds it later, then sent live.</summary>
public static class Notifier
{
    public const int MaxTextLength = 2000;

    /// <summary>Returns null, sending nothing, when a notification with the request's dedupe key was stored before.</summary>
    public static async Task<Notification?> Notify(this IGrainFactory grains, INotificationStore store, int portalId, NewNotification request)
    {
        var text = request.Text.Trim();
        if (text.Length > MaxTextLength) text = text[..MaxTextLength];
        if (await store.Add(portalId, request with { Text = text }) is not { } stored) return null;
        await grains.GetGrain<IBoardFeedGrain>(GrainKeys.NotificationFeed(portalId)).PublishNotification(stored);
        return stored;
    }
}
