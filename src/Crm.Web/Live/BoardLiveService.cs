using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Web.Deals;

namespace Crm.Web.Live;

/// <summary>
/// This node's end of the live path. The node subscribes once per watched board (a deal pipeline, the
/// lead board, or the contact or company list of a portal; see <see cref="BoardKey"/>) to its feed
/// grain (whichever silo it lives on) and hands each event to its local watchers. After deal and lead
/// changes it re-reads the column totals once for all watchers with the same rights. Each watcher
/// receives an event only as its user's rights shape it (<see cref="LiveAccess"/>).
/// Subscriptions are renewed on a timer; when the
/// feed turns out to have restarted, watchers are told to resynchronise. Orleans delivers events into
/// an in-memory queue and returns at once; one loop of our own hands them to watchers, so nothing a
/// watcher does (SignalR writes, Blazor renders) runs on, or waits for, Orleans' callback.
/// </summary>
public sealed class BoardLiveService(IGrainFactory grains, DealQueries queries, Leads.LeadQueries leadQueries, Access.ReadableRowsOf readable,
    ILogger<BoardLiveService> log)
    : IBoardObserver, IHostedService
{
    // Well inside the feed's two-minute subscription lifetime, and soon enough after a feed restart.
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);
    // Changes arriving together are summed up by one totals query, soon after the first change; while
    // changes keep coming, at most one query and one message per interval (a bulk move of a thousand
    // deals is a few totals messages to each watcher, not a thousand).
    private static readonly TimeSpan TotalsCoalescing = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan TotalsInterval = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<BoardKey, Board> _boards = new();
    // Per portal: how many of its users' watchers this node has, and its watch on the portal's access feed meanwhile.
    private readonly Dictionary<int, (int Watchers, Task<BoardWatch> Feed)> _accessFeeds = [];
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private IBoardObserver? _self;
    private Timer? _renewal;
    private Task? _dispatching;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _renewal = new Timer(_ => _ = RenewAll(), null, RenewEvery, RenewEvery);
        _dispatching = Task.Run(Dispatch, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_renewal is not null) await _renewal.DisposeAsync();
        _inbox.Writer.TryComplete();
        if (_dispatching is not null) await _dispatching.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a watcher; returns once this node is subscribed to the board, so a snapshot loaded after
    /// this call misses nothing. Dispose the result to stop watching.
    /// </summary>
    public async Task<BoardWatch> Watch(BoardKey key, IBoardWatcher watcher, WatcherAccess access)
    {
        var watching = new Watching(watcher, access);
        if (access.Profile is not null) await FollowAccess(key.PortalId);
        Board board;
        while (true)
        {
            board = _boards.GetOrAdd(key, _ => new Board());
            lock (board)
            {
                // A board being retired by RenewAll takes no new watchers; the next one does.
                if (board.Retired) continue;
                board.Watchers = board.Watchers.Add(watching);
                break;
            }
        }
        await board.Subscribed(() => Subscribe(key, board));
        return new BoardWatch(watching, () =>
        {
            lock (board) board.Watchers = board.Watchers.Remove(watching);
            if (access.Profile is not null) UnfollowAccess(key.PortalId);
        });
    }

    /// <summary>While users of a portal watch boards here, the node hears of the portal's access changes.</summary>
    private Task FollowAccess(int portalId)
    {
        Task<BoardWatch> feed;
        lock (_accessFeeds)
        {
            feed = _accessFeeds.TryGetValue(portalId, out var known) && !known.Feed.IsFaulted
                ? known.Feed
                : Watch(BoardKey.Access(portalId), AccessFeedWatcher.Instance, WatcherAccess.Everything);
            _accessFeeds[portalId] = (known.Watchers + 1, feed);
        }
        return feed;
    }

    private void UnfollowAccess(int portalId)
    {
        lock (_accessFeeds)
        {
            if (!_accessFeeds.TryGetValue(portalId, out var known)) return;
            if (known.Watchers > 1)
            {
                _accessFeeds[portalId] = (known.Watchers - 1, known.Feed);
                return;
            }
            _accessFeeds.Remove(portalId);
            _ = known.Feed.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
        }
    }

    public Task OnAccessChanged(AccessChanged change)
    {
        _inbox.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Gives the portal's users' watchers their new rights, then has them reload what they show (a
    /// record may have come into or gone out of their reach). Requests never need this: each reads the
    /// rights anew.
    /// </summary>
    private async Task Reauthorise(AccessChanged change)
    {
        // Stream watchers decide for themselves who sees a post: they reload their user's rights and departments.
        if (_boards.TryGetValue(BoardKey.Stream(change.PortalId), out var stream))
            foreach (var watching in stream.Watchers) Notify(watching, w => w.OnResync());
        foreach (var (key, board) in _boards.Where(b => b.Key.PortalId == change.PortalId && b.Key.Kind is not (BoardKind.Access or BoardKind.Notifications or BoardKind.Stream)))
            foreach (var watching in board.Watchers)
            {
                if (watching.Access.Profile is not { } profile || profile.Version >= change.Version) continue;
                try
                {
                    watching.Access = await readable.Watching(new Api.RequestUser(key.PortalId, profile.UserId), key);
                }
                catch (Exception e)
                {
                    // Rights that cannot be read are none: the watcher sees nothing until it reloads.
                    log.LogWarning(e, "Rights of user {User} not re-read for board {Board}", profile.UserId, key);
                    watching.Access = new WatcherAccess(profile with { Roles = [], IsAdmin = false, Version = change.Version }, Access.ReadableRows.Nothing);
                }
                Notify(watching, w => w.OnResync());
            }
    }

    public Task OnDealChanged(DealChanged change)
    {
        _inbox.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task OnPipelineChanged(Pipeline pipeline)
    {
        _inbox.Writer.TryWrite(pipeline);
        return Task.CompletedTask;
    }

    public Task OnLeadChanged(LeadChanged change)
    {
        _inbox.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task OnLeadStatusesChanged(LeadStatusesChanged change)
    {
        _inbox.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task OnRecordChanged(RecordChanged change)
    {
        _inbox.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task OnNotification(Crm.Grains.Interfaces.Notifications.Notification notification)
    {
        _inbox.Writer.TryWrite(notification);
        return Task.CompletedTask;
    }

    public Task OnPostChanged(Crm.Grains.Interfaces.Stream.PostChanged change)
    {
        _inbox.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    public Task OnConversationChanged(Crm.Grains.Interfaces.Chat.ConversationChanged change)
    {
        _inbox.Writer.TryWrite(change);
        return Task.CompletedTask;
    }

    private async Task Dispatch()
    {
        await foreach (var item in _inbox.Reader.ReadAllAsync())
        {
            switch (item)
            {
                case DealChanged change when _boards.TryGetValue(new BoardKey(change.Deal.PortalId, change.Deal.PipelineId), out var board):
                    foreach (var watching in board.Watchers)
                        if (LiveAccess.Shape(watching.Access.Profile, change) is { } shaped) Notify(watching, w => w.OnDealChanged(shaped));
                    RefreshTotals(new BoardKey(change.Deal.PortalId, change.Deal.PipelineId), board);
                    break;
                case Pipeline pipeline when _boards.TryGetValue(new BoardKey(pipeline.PortalId, pipeline.Id), out var board):
                    foreach (var watcher in board.Watchers) Notify(watcher, w => w.OnPipelineChanged(pipeline));
                    break;
                case RecordChanged change when _boards.TryGetValue(
                    change.Kind == "contacts" ? BoardKey.Contacts(change.PortalId) : BoardKey.Companies(change.PortalId), out var board):
                    foreach (var watching in board.Watchers)
                        if (LiveAccess.Shape(watching.Access.Profile, change) is { } shaped) Notify(watching, w => w.OnRecordChanged(shaped));
                    break;
                case LeadChanged change when _boards.TryGetValue(BoardKey.Leads(change.Lead.PortalId), out var board):
                    foreach (var watching in board.Watchers)
                        if (LiveAccess.Shape(watching.Access.Profile, change) is { } shaped) Notify(watching, w => w.OnLeadChanged(shaped));
                    RefreshTotals(BoardKey.Leads(change.Lead.PortalId), board);
                    break;
                case AccessChanged change:
                    try
                    {
                        await Reauthorise(change);
                    }
                    catch (Exception e)
                    {
                        log.LogError(e, "Open views of portal {Portal} not given access settings v{Version}", change.PortalId, change.Version);
                    }
                    break;
                case Crm.Grains.Interfaces.Notifications.Notification notification
                    when _boards.TryGetValue(BoardKey.Notifications(notification.PortalId), out var board):
                    foreach (var watcher in board.Watchers) Notify(watcher, w => w.OnNotification(notification));
                    break;
                case Crm.Grains.Interfaces.Stream.PostChanged change when _boards.TryGetValue(BoardKey.Stream(change.Post.PortalId), out var board):
                    (board.Posts ??= new PostBursts(c =>
                    {
                        foreach (var watcher in board.Watchers) Notify(watcher, w => w.OnPostChanged(c));
                    })).Add(change);
                    break;
                case Crm.Grains.Interfaces.Chat.ConversationChanged change when _boards.TryGetValue(BoardKey.Chat(change.Conversation.PortalId), out var board):
                    foreach (var watching in board.Watchers)
                        if (Chat.ChatAccess.Shape(watching.Access.Profile, change) is { } shaped) Notify(watching, w => w.OnConversationChanged(shaped));
                    break;
                case LeadStatusesChanged change when _boards.TryGetValue(BoardKey.Leads(change.PortalId), out var board):
                    foreach (var watcher in board.Watchers) Notify(watcher, w => w.OnLeadStatusesChanged(change));
                    break;
            }
        }
    }

    private IBoardFeedGrain Feed(BoardKey key) => grains.GetGrain<IBoardFeedGrain>(key.FeedKey);

    private IBoardObserver Self => _self ??= grains.CreateObjectReference<IBoardObserver>(this);

    private async Task Subscribe(BoardKey key, Board board)
    {
        var activation = await Feed(key).Subscribe(Self);
        if (board.FeedActivation is null) log.LogInformation("Node subscribed to board {Board}", key);
        var restarted = board.FeedActivation is { } known && known != activation;
        board.FeedActivation = activation;
        if (restarted)
        {
            log.LogWarning("Feed of board {Board} restarted; watchers resynchronise", key);
            foreach (var watcher in board.Watchers) Notify(watcher, w => w.OnResync());
        }
    }

    private async Task RenewAll()
    {
        foreach (var (key, board) in _boards)
        {
            try
            {
                bool retire;
                lock (board) retire = board.Retired = board.Watchers.IsEmpty;
                if (retire)
                {
                    _boards.TryRemove(KeyValuePair.Create(key, board));
                    await Feed(key).Unsubscribe(Self);
                    log.LogInformation("Node unsubscribed from board {Board}: no watchers left", key);
                    // A watcher that arrived meanwhile subscribed a new board, possibly just before our
                    // unsubscription reached the feed: subscribe again so it misses nothing.
                    if (_boards.TryGetValue(key, out var fresh)) await Subscribe(key, fresh);
                }
                else
                {
                    await Subscribe(key, board);
                }
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Renewing the subscription to board {Board} failed", key);
            }
        }
    }

    private void RefreshTotals(BoardKey key, Board board)
    {
        lock (board)
        {
            board.TotalsDirty = true;
            if (board.TotalsRefreshing) return;
            board.TotalsRefreshing = true;
        }
        _ = Task.Run(async () =>
        {
            var wait = TotalsCoalescing;
            while (true)
            {
                await Task.Delay(wait);
                wait = TotalsInterval;
                lock (board)
                {
                    if (!board.TotalsDirty)
                    {
                        board.TotalsRefreshing = false;
                        return;
                    }
                    board.TotalsDirty = false;
                }
                try
                {
                    // One query per distinct set of visible rows: each watcher sees the sums of what it may see.
                    foreach (var group in board.Watchers.GroupBy(w => w.Access.Key))
                    {
                        var rows = group.First().Access.Rows;
                        var totals = key.Kind == BoardKind.Leads
                            ? await leadQueries.GetTotals(key.PortalId, rows)
                            : await queries.GetTotals(key.PortalId, rows, key.PipelineId);
                        foreach (var watching in group) Notify(watching, w => w.OnTotalsChanged(totals));
                    }
                }
                catch (Exception e)
                {
                    log.LogWarning(e, "Reading the totals of board {Board} failed", key);
                }
            }
        });
    }

    private void Notify(Watching watching, Action<IBoardWatcher> call)
    {
        try
        {
            call(watching.Watcher);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "A board watcher failed");
        }
    }

    private sealed class Board
    {
        private Task? _subscription;

        public ImmutableList<Watching> Watchers = [];
        public bool Retired;
        public Guid? FeedActivation;
        public bool TotalsDirty;
        public bool TotalsRefreshing;
        /// <summary>Stream boards: their post changes, handed on in rounds.</summary>
        public PostBursts? Posts;

        /// <summary>The first subscription, shared by watchers arriving together; retried if it failed.</summary>
        public Task Subscribed(Func<Task> subscribe)
        {
            lock (this)
            {
                if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
                    _subscription = subscribe();
                return _subscription;
            }
        }
    }

    /// <summary>The node's own watcher of a portal's access feed: the events are handled by the dispatch loop itself.</summary>
    private sealed class AccessFeedWatcher : IBoardWatcher
    {
        public static readonly AccessFeedWatcher Instance = new();

        public void OnResync()
        {
        }
    }
}
