using System.Collections.Concurrent;
using Crm.Grains.Interfaces.Stream;
using Crm.Grains.Stream;
using Crm.Web.ActivityStream;
using Crm.Web.Api;
using Microsoft.AspNetCore.SignalR;

namespace Crm.Web.Live;

/// <summary>
/// The hub connections following the activity stream on this node: one watcher per connection, since
/// each user sees different posts (their audience) and a different view of each (their vote, their pin).
/// </summary>
public sealed class HubStreamWatchers(BoardLiveService live, IHubContext<BoardHub> hub, IGrainFactory grains, TimeProvider clock,
    ILogger<HubStreamWatchers> log)
{
    private readonly ConcurrentDictionary<string, Task<BoardWatch>> _watches = new();

    public async Task Join(RequestUser user, StreamViewer viewer, string connectionId)
    {
        var watcher = new Watcher(new(hub, grains, clock, log), user, viewer, connectionId);
        var watch = _watches.GetOrAdd(connectionId, _ => live.Watch(BoardKey.Stream(user.PortalId), watcher, viewer.WatchAccess()));
        await watch;
    }

    public void Leave(string connectionId)
    {
        if (_watches.TryRemove(connectionId, out var watch))
            _ = watch.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);
    }

    private sealed record Parts(IHubContext<BoardHub> hub, IGrainFactory grains, TimeProvider clock, ILogger log);

    private sealed class Watcher(Parts owner, RequestUser user, StreamViewer viewer, string connectionId) : IBoardWatcher
    {
        private volatile StreamViewer _viewer = viewer;

        public void OnPostChanged(PostChanged change)
        {
            if (!_viewer.CanSee(change.Post)) return;
            var view = PostViews.For(change.Post, user.UserId, owner.clock.GetUtcNow());
            _ = owner.hub.Clients.Client(connectionId).SendAsync("postChanged", new { what = change.What, deleted = change.Post.Deleted, post = view });
        }

        /// <summary>Rights or departments may have changed: read them again, then have the client reload.</summary>
        public void OnResync() => _ = Task.Run(async () =>
        {
            try
            {
                _viewer = await StreamViewer.Of(owner.grains, user);
            }
            catch (Exception e)
            {
                owner.log.LogWarning(e, "Stream rights of user {User} not re-read", user.UserId);
            }
            await owner.hub.Clients.Client(connectionId).SendAsync("resync", new { board = "stream" });
        });
    }
}
