namespace Crm.Web.Components.Shared;

/// <summary>
/// Turns a burst of live events into one reload of a list (200 ms after the first), run on the
/// component's dispatcher.
/// </summary>
public sealed class ReloadCoalescer(Func<Func<Task>, Task> invokeAsync, Func<Task> reload)
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);
    private int _queued;

    public void Queue()
    {
        if (Interlocked.Exchange(ref _queued, 1) == 1) return;
        _ = invokeAsync(async () =>
        {
            await Task.Delay(Delay);
            Interlocked.Exchange(ref _queued, 0);
            await reload();
        });
    }
}
