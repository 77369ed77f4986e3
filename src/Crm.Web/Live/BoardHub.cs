using System.Collections.Concurrent;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Web.Access;
using Crm.Web.Chat;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Crm.Web.Live;

/// <summary>
/// The public live API (<c>/hubs/board</c>), documented in docs/live-api.md. A client calls
/// <see cref="SubscribeBoard"/>, then loads the board snapshot over HTTP, then applies the events
/// (<c>dealChanged</c>, <c>columnTotals</c>, <c>pipelineChanged</c>, <c>resync</c>) whose version is
/// newer than what it holds.
/// </summary>
[Authorize]
public sealed class BoardHub(IGrainFactory grains, HubBoardGroups groups, ReadableRowsOf readable, HubSessions sessions,
    HubStreamWatchers streams, ActivityStream.StreamService stream) : Hub
{
    public const string Path = "/hubs/board";

    /// <summary>Starts sending the board's events to this connection; refused for unknown pipelines.</summary>
    public async Task SubscribeBoard(long pipelineId)
    {
        var key = new BoardKey(Context.User!.PortalId(), pipelineId);
        try
        {
            await grains.GetGrain<IPipelineGrain>(GrainKeys.For(key.PortalId, key.PipelineId)).Get();
        }
        catch (CrmException e)
        {
            throw new HubException(e.Message);
        }
        await Join(key);
    }

    /// <summary>Starts sending the portal's lead events (<c>leadChanged</c>, <c>leadTotals</c>) to this connection.</summary>
    public Task SubscribeLeads() => Join(BoardKey.Leads(Context.User!.PortalId()));

    /// <summary>Starts sending <c>recordChanged</c> for the portal's "contacts" or "companies".</summary>
    public Task SubscribeRecords(string kind) => Join(RecordsKey(kind));

    public Task UnsubscribeRecords(string kind) => groups.Leave(RecordsKey(kind), Context.ConnectionId);

    private BoardKey RecordsKey(string kind) => kind switch
    {
        "contacts" => BoardKey.Contacts(Context.User!.PortalId()),
        "companies" => BoardKey.Companies(Context.User!.PortalId()),
        _ => throw new HubException($"'{kind}' is not a record list; use contacts or companies."),
    };

    /// <summary>Starts sending the user's own notifications (<c>notification</c>) to this connection; nobody else's.</summary>
    public async Task SubscribeNotifications()
    {
        var user = Api.RequestUser.Of(Context.User!);
        // The node follows the portal's notification feed through one shared group; the connection
        // itself joins only its user's group, which is all the forwarder ever sends to.
        await groups.Join(BoardKey.Notifications(user.PortalId), WatcherAccess.Everything, Context.ConnectionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupForwarder.NotificationGroup(user.PortalId, user.UserId));
    }

    public async Task UnsubscribeNotifications()
    {
        var user = Api.RequestUser.Of(Context.User!);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupForwarder.NotificationGroup(user.PortalId, user.UserId));
        await groups.Leave(BoardKey.Notifications(user.PortalId), Context.ConnectionId);
    }

    /// <summary>Starts sending <c>postChanged</c> {what, deleted, post} for the posts of the stream that reach the user, as the user sees them.</summary>
    public async Task SubscribeStream()
    {
        var user = Api.RequestUser.Of(Context.User!);
        ActivityStream.StreamViewer viewer;
        try
        {
            viewer = await stream.Viewer(user);
        }
        catch (CrmException e)
        {
            throw new HubException(e.Message);
        }
        await streams.Join(user, viewer, Context.ConnectionId);
    }

    public Task UnsubscribeStream()
    {
        streams.Leave(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Starts sending <c>conversationChanged</c> for the chat conversations the user may see (the operators' queue).</summary>
    public async Task SubscribeChat()
    {
        var key = BoardKey.Chat(Context.User!.PortalId());
        var access = await readable.Watching(Api.RequestUser.Of(Context.User!), key);
        try
        {
            access.Profile!.RequireAny(AccessAction.Read);
        }
        catch (CrmException e)
        {
            throw new HubException(e.Message);
        }
        await groups.Join(key, access, Context.ConnectionId);
    }

    public Task UnsubscribeChat() => groups.Leave(BoardKey.Chat(Context.User!.PortalId()), Context.ConnectionId);

    public Task UnsubscribeLeads() => groups.Leave(BoardKey.Leads(Context.User!.PortalId()), Context.ConnectionId);

    public Task UnsubscribeBoard(long pipelineId) =>
        groups.Leave(new BoardKey(Context.User!.PortalId(), pipelineId), Context.ConnectionId);

    private async Task Join(BoardKey key) =>
        await groups.Join(key, await readable.Watching(Api.RequestUser.Of(Context.User!), key), Context.ConnectionId);

    public override Task OnConnectedAsync()
    {
        sessions.Opened(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Closed(Context.ConnectionId);
        streams.Leave(Context.ConnectionId);
        return groups.LeaveAll(Context.ConnectionId);
    }
}

/// <summary>
/// Ties the board's hub groups on this node to the live path: connections watching a board with the
/// same rights share a group (<see cref="WatcherAccess.Key"/>), and while a group has members one
/// watcher forwards the board's events, and the totals of what those rights cover, to it.
/// </summary>
public sealed class HubBoardGroups(BoardLiveService live, IHubContext<BoardHub> hub)
{
    private readonly ConcurrentDictionary<(BoardKey Board, string Access), Membership> _groups = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<BoardKey, string>> _byConnection = new();

    public static string GroupName(BoardKey key, string access) => $"board:{key}:{access}";

    public async Task Join(BoardKey key, WatcherAccess access, string connectionId)
    {
        // A connection joining again (its rights may have changed) leaves its former group first.
        if (_byConnection.TryGetValue(connectionId, out var joined) && joined.TryGetValue(key, out var former) && former != access.Key)
            await Leave(key, connectionId);
        var group = GroupName(key, access.Key);
        var membership = _groups.GetOrAdd((key, access.Key), _ => new Membership(new GroupForwarder(hub, group, key)));
        await membership.Add(connectionId, () => live.Watch(key, membership.Forwarder, access));
        await hub.Groups.AddToGroupAsync(connectionId, group);
        _byConnection.GetOrAdd(connectionId, _ => new())[key] = access.Key;
    }

    public async Task Leave(BoardKey key, string connectionId)
    {
        if (!_byConnection.TryGetValue(connectionId, out var joined) || !joined.TryRemove(key, out var access)) return;
        await hub.Groups.RemoveFromGroupAsync(connectionId, GroupName(key, access));
        if (_groups.TryGetValue((key, access), out var membership)) membership.Remove(connectionId);
    }

    public Task LeaveAll(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var joined))
            foreach (var (key, access) in joined)
                if (_groups.TryGetValue((key, access), out var membership)) membership.Remove(connectionId);
        return Task.CompletedTask;
    }

    private sealed class Membership(GroupForwarder forwarder)
    {
        private readonly HashSet<string> _connections = [];
        private Task<BoardWatch>? _watch;

        public GroupForwarder Forwarder => forwarder;

        public Task Add(string connectionId, Func<Task<BoardWatch>> watch)
        {
            lock (this)
            {
                _connections.Add(connectionId);
                if (_watch is null || _watch.IsFaulted) _watch = watch();
                return _watch;
            }
        }

        public void Remove(string connectionId)
        {
            lock (this)
            {
                if (!_connections.Remove(connectionId) || _connections.Count > 0 || _watch is null) return;
                var watch = _watch;
                _watch = null;
                _ = watch.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
            }
        }
    }
}
