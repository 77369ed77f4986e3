using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Grains.Interfaces.Live;

/// <summary>A web node listening to a board; it passes events on to its own watchers.</summary>
public interface IBoardObserver : IGrainObserver
{
    [Orleans.Concurrency.OneWay]
    Task OnDealChanged(DealChanged change);

    [Orleans.Concurrency.OneWay]
    Task OnPipelineChanged(Pipeline pipeline);

    [Orleans.Concurrency.OneWay]
    Task OnLeadChanged(LeadChanged change);

    [Orleans.Concurrency.OneWay]
    Task OnLeadStatusesChanged(LeadStatusesChanged change);

    [Orleans.Concurrency.OneWay]
    Task OnRecordChanged(RecordChanged change);

    [Orleans.Concurrency.OneWay]
    Task OnAccessChanged(AccessChanged change);

    [Orleans.Concurrency.OneWay]
    Task OnNotification(Notifications.Notification notification);

    [Orleans.Concurrency.OneWay]
    Task OnPostChanged(Stream.PostChanged change);

    [Orleans.Concurrency.OneWay]
    Task OnConversationChanged(Chat.ConversationChanged change);
}
