using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Web.Deals;

namespace Crm.Web.Live;

/// <summary>
/// Something on this web node showing a board: a Blazor board, or the hub group of a board's external
/// clients. Calls arrive on the node's thread pool and must return quickly (hand work to InvokeAsync).
/// </summary>
public interface IBoardWatcher
{
    // Each kind of board hears only its own events; a watcher implements the ones of its kind.

    /// <summary>A deal changed (deal boards only).</summary>
    void OnDealChanged(DealChanged change)
    {
    }

    /// <summary>The pipeline's name or stages changed (deal boards only).</summary>
    void OnPipelineChanged(Pipeline pipeline)
    {
    }

    /// <summary>A lead changed (lead boards only).</summary>
    void OnLeadChanged(LeadChanged change)
    {
    }

    /// <summary>The portal's lead statuses were edited: columns come, go, move or change name (lead boards only).</summary>
    void OnLeadStatusesChanged(LeadStatusesChanged change)
    {
    }

    /// <summary>A contact or company changed (contact and company lists only).</summary>
    void OnRecordChanged(RecordChanged change)
    {
    }

    /// <summary>A notification to some user of the portal (notification watchers only; each passes on its own user's).</summary>
    void OnNotification(Crm.Grains.Interfaces.Notifications.Notification notification)
    {
    }

    /// <summary>A post of the stream was written or changed (stream watchers only; each passes on only what reaches its user).</summary>
    void OnPostChanged(Crm.Grains.Interfaces.Stream.PostChanged change)
    {
    }

    /// <summary>A chat conversation changed, or someone is typing in it (chat watchers only).</summary>
    void OnConversationChanged(Crm.Grains.Interfaces.Chat.ConversationChanged change)
    {
    }

    /// <summary>Fresh column counts and sums (by stage, or by status on lead boards), read from the read model after changes.</summary>
    void OnTotalsChanged(IReadOnlyDictionary<string, ColumnTotals> totals)
    {
    }

    /// <summary>Events may have been lost (the board's feed restarted): reload the snapshot.</summary>
    void OnResync();
}
