using Orleans.Concurrency;
using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Grains.Interfaces.Live;

/// <summary>
/// The live channel of one board: a pipeline's deals, key "{portal}/{pipelineId}", or the portal's
/// leads, key "{portal}/leads", or of its contacts or companies, "{portal}/contacts", "{portal}/companies". Grains publish to it after
/// their state is durable; it fans events out to every subscribed web node of the cluster.
/// Subscriptions are kept in memory and expire unless renewed, so nodes renew them periodically.
/// </summary>
public interface IBoardFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// Subscribes or renews. Returns the feed's activation id: when it changes between renewals the
    /// feed was restarted and may have lost events, so the node resynchronises its watchers.
    /// </summary>
    Task<Guid> Subscribe(IBoardObserver observer);

    Task Unsubscribe(IBoardObserver observer);

    /// <summary>
    /// The events of record changes are sent one way: the record's command has succeeded once its state
    /// is durable, so it neither waits for the fan-out nor hears of its failure (watchers resynchronise).
    /// </summary>
    [OneWay]
    Task PublishDeal(DealChanged change);

    Task PublishPipeline(Pipeline pipeline);

    [OneWay]
    Task PublishLead(LeadChanged change);

    Task PublishLeadStatuses(LeadStatusesChanged change);

    [OneWay]
    Task PublishRecord(RecordChanged change);

    /// <summary>On the portal's notification feed, "{portal}/notifications": a user was told something.</summary>
    [OneWay]
    Task PublishNotification(Notifications.Notification notification);

    /// <summary>On the portal's stream feed, "{portal}/stream": a post was written or changed.</summary>
    [OneWay]
    Task PublishPost(Stream.PostChanged change);

    /// <summary>On the portal's chat feed, "{portal}/chat": a conversation changed, or someone is typing.</summary>
    [OneWay]
    Task PublishConversation(Chat.ConversationChanged change);

    /// <summary>On the portal's access feed, "{portal}/access": its access settings changed.</summary>
    Task PublishAccess(AccessChanged change);
}
