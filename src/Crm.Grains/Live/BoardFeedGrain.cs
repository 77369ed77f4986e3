using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Crm.Grains.Live;

/// <summary>
/// Fans a board's events out to the web nodes watching it. Holds no durable state: subscriptions
/// live in memory and expire unless renewed; the activation id tells nodes when to resynchronise.
/// </summary>
[GrainType("board-feed")]
public sealed class BoardFeedGrain(ILogger<BoardFeedGrain> log) : Grain, IBoardFeedGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<IBoardObserver> _observers = new(SubscriptionLifetime, log);
    private readonly Guid _activationId = Guid.NewGuid();

    public Task<Guid> Subscribe(IBoardObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.FromResult(_activationId);
    }

    public Task Unsubscribe(IBoardObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task PublishDeal(DealChanged change)
    {
        _observers.Notify(o => o.OnDealChanged(change));
        return Task.CompletedTask;
    }

    public Task PublishPipeline(Pipeline pipeline)
    {
        _observers.Notify(o => o.OnPipelineChanged(pipeline));
        return Task.CompletedTask;
    }

    public Task PublishLead(LeadChanged change)
    {
        _observers.Notify(o => o.OnLeadChanged(change));
        return Task.CompletedTask;
    }

    public Task PublishLeadStatuses(LeadStatusesChanged change)
    {
        _observers.Notify(o => o.OnLeadStatusesChanged(change));
        return Task.CompletedTask;
    }

    public Task PublishRecord(RecordChanged change)
    {
        _observers.Notify(o => o.OnRecordChanged(change));
        return Task.CompletedTask;
    }

    public Task PublishNotification(Crm.Grains.Interfaces.Notifications.Notification notification)
    {
        _observers.Notify(o => o.OnNotification(notification));
        return Task.CompletedTask;
    }

    public Task PublishPost(Crm.Grains.Interfaces.Stream.PostChanged change)
    {
        _observers.Notify(o => o.OnPostChanged(change));
        return Task.CompletedTask;
    }

    public Task PublishConversation(Crm.Grains.Interfaces.Chat.ConversationChanged change)
    {
        _observers.Notify(o => o.OnConversationChanged(change));
        return Task.CompletedTask;
    }

    public Task PublishAccess(AccessChanged change)
    {
        _observers.Notify(o => o.OnAccessChanged(change));
        return Task.CompletedTask;
    }
}
