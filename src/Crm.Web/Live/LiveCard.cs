using Crm.Grains.Interfaces.Live;

namespace Crm.Web.Live;

/// <summary>
/// An open record card's watch on its record: a change stored after the version the card shows
/// calls <c>changed</c> (on the card's renderer), so the timeline follows live and the card can
/// offer the newer values without overwriting what its user is typing.
/// </summary>
public sealed class LiveCard(long recordId, Func<long> shownVersion, Func<Func<Task>, Task> invoke, Func<Task> changed) : IBoardWatcher, IDisposable
{
    private IDisposable? _watch;

    /// <summary>Starts watching the feed that carries the record's events (its board or list).</summary>
    public async Task<LiveCard> Start(BoardLiveService live, BoardKey feed)
    {
        _watch = await live.Watch(feed, this, WatcherAccess.Everything);
        return this;
    }

    public void OnLeadChanged(LeadChanged change) => Seen(change.Lead.Id, change.Lead.Version);

    public void OnDealChanged(DealChanged change) => Seen(change.Deal.Id, change.Version);

    public void OnRecordChanged(RecordChanged change) => Seen(change.Id, change.Version);

    // Events may have been lost: ask the card to look again.
    public void OnResync() => _ = invoke(changed);

    private void Seen(long id, long version)
    {
        if (id == recordId && version > shownVersion())
            _ = invoke(changed);
    }

    public void Dispose() => _watch?.Dispose();
}
