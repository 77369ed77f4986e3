namespace Crm.Web.Live;

/// <summary>A watcher and what its user may see now (a class: two watches of one watcher are two entries).</summary>
internal sealed class Watching(IBoardWatcher watcher, WatcherAccess access)
{
    public IBoardWatcher Watcher { get; } = watcher;

    /// <summary>Replaced when the portal's access settings change.</summary>
    public volatile WatcherAccess Access = access;
}

/// <summary>
/// A watch on a board: what its user may see now (read the rows from here on every load, since the
/// node renews them when the portal's rights change), and Dispose to stop watching.
/// </summary>
public sealed class BoardWatch : IDisposable
{
    private readonly Watching _watching;
    private readonly Action _stop;
    private int _stopped;

    internal BoardWatch(Watching watching, Action stop) => (_watching, _stop) = (watching, stop);

    public WatcherAccess Access => _watching.Access;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0) _stop();
    }
}
