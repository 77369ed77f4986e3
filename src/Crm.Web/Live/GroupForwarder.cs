using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Web.Deals;
using Microsoft.AspNetCore.SignalR;

namespace Crm.Web.Live;

/// <summary>Sends one board's events to the hub group of that board on this node (serialised once per message).</summary>
public sealed class GroupForwarder(IHubContext<BoardHub> hub, string group, BoardKey board) : IBoardWatcher
{
    public void OnDealChanged(DealChanged change) =>
        _ = hub.Clients.Group(group).SendAsync("dealChanged", change);

    public void OnPipelineChanged(Pipeline pipeline) =>
        _ = hub.Clients.Group(group).SendAsync("pipelineChanged", pipeline);

    public void OnLeadChanged(LeadChanged change) =>
        _ = hub.Clients.Group(group).SendAsync("leadChanged", change);

    public void OnLeadStatusesChanged(LeadStatusesChanged change) =>
        _ = hub.Clients.Group(group).SendAsync("leadStatusesChanged", change);

    public void OnRecordChanged(RecordChanged change) =>
        _ = hub.Clients.Group(group).SendAsync("recordChanged", change);

    /// <summary>Chat changes go to the portal's operators' group as they are (operators see every conversation).</summary>
    public void OnConversationChanged(Crm.Grains.Interfaces.Chat.ConversationChanged change) =>
        _ = hub.Clients.Group(group).SendAsync("conversationChanged", new
        {
            what = change.What, typing = change.Typing, typingOperatorId = change.TypingOperatorId,
            conversation = Crm.Web.Chat.OperatorChat.Summary(change.Conversation), messages = change.Conversation.Messages,
            change.Conversation.VisitorReadUpTo, change.Conversation.OperatorReadUpTo,
        });

    /// <summary>Notifications go to their recipient's own group only (see <see cref="NotificationGroup"/>).</summary>
    public void OnNotification(Crm.Grains.Interfaces.Notifications.Notification notification) =>
        _ = hub.Clients.Group(NotificationGroup(notification.PortalId, notification.UserId)).SendAsync("notification", notification);

    /// <summary>The hub group of one user's connections that asked for their notifications.</summary>
    public static string NotificationGroup(int portalId, int userId) => $"notifications:{portalId}:{userId}";

    public void OnTotalsChanged(IReadOnlyDictionary<string, ColumnTotals> totals) =>
        _ = board.Kind == BoardKind.Leads
            ? hub.Clients.Group(group).SendAsync("leadTotals", new { columns = totals.Values })
            : hub.Clients.Group(group).SendAsync("columnTotals", new { pipelineId = board.PipelineId, columns = totals.Values });

    public void OnResync() => _ = board.Kind switch
    {
        BoardKind.Leads => hub.Clients.Group(group).SendAsync("resync", new { board = "leads" }),
        BoardKind.Notifications => hub.Clients.Group(group).SendAsync("resync", new { board = "notifications" }),
        BoardKind.Chat => hub.Clients.Group(group).SendAsync("resync", new { board = "chat" }),
        _ => hub.Clients.Group(group).SendAsync("resync", new { pipelineId = board.PipelineId }),
    };
}
