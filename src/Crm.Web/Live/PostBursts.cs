using Crm.Grains.Interfaces.Stream;

namespace Crm.Web.Live;

/// <summary>
/// Hands a stream's post changes on in rounds: a poll taking a hundred votes a second would otherwise
/// send every viewer a hundred versions of the post a second. The first change of a burst goes on
/// after a short wait; while changes keep coming, one round per interval, each post at its newest
/// version (a post created within the burst still arrives as "created").
/// </summary>
public sealed class PostBursts(Action<PostChanged> deliver)
{
    private static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Dictionary<long, PostChanged> _pending = [];
    private bool _running;

    public void Add(PostChanged change)
    {
        lock (_pending)
        {
            if (_pending.TryGetValue(change.Post.Id, out var earlier))
            {
                if (earlier.Post.Version > change.Post.Version) return;
                if (earlier.What == "created") change = change with { What = "created" };
            }
            _pending[change.Post.Id] = change;
            if (_running) return;
            _running = true;
        }
        _ = Task.Run(Run);
    }

    private async Task Run()
    {
        var wait = Coalescing;
        while (true)
        {
            await Task.Delay(wait);
            wait = Interval;
            List<PostChanged> round;
            lock (_pending)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    return;
                }
                round = [.. _pending.Values.OrderBy(c => c.Post.Id)];
                _pending.Clear();
            }
            foreach (var change in round) deliver(change);
        }
    }
}
