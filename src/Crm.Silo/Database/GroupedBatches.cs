using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Silo.Database;

/// <summary>
/// Group commit for the small statements of many grains: the work that arrives while a batch is in
/// flight goes together in the next one (one round trip, one transaction). Under load this turns many
/// small transactions into few larger ones; alone, work is written at once. A group that fails is
/// written again work by work, so one bad change fails only its own caller.
/// </summary>
public sealed class GroupedBatches : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly ILogger _log;
    private readonly string _what;
    private readonly int _maxPerGroup;
    private readonly Channel<GroupedWork> _queue = Channel.CreateUnbounded<GroupedWork>();
    private readonly Task[] _writers;

    /// <param name="what">What the work is, for the log ("read-model changes").</param>
    /// <param name="maxPerGroup">Enough to cut round trips by an order of magnitude, small enough to keep a group's latency low.</param>
    /// <param name="inFlight">Batches in flight at once: with two, one is executed while the next is gathered and sent.</param>
    public GroupedBatches(NpgsqlDataSource db, ILogger log, string what, int maxPerGroup = 64, int inFlight = 2)
    {
        (_db, _log, _what, _maxPerGroup) = (db, log, what, maxPerGroup);
        _writers = Enumerable.Range(0, inFlight).Select(_ => Task.Run(RunGroups)).ToArray();
    }

    /// <summary>Runs the work with others'; completes once its group is committed and its results read.</summary>
    public Task Run(GroupedWork work) =>
        _queue.Writer.TryWrite(work)
            ? work.Done.Task
            : Task.FromException(new ObjectDisposedException(nameof(GroupedBatches), $"The silo is stopping; no more {_what} are taken."));

    private async Task RunGroups()
    {
        var group = new List<GroupedWork>(_maxPerGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < _maxPerGroup && _queue.Reader.TryRead(out var work)) group.Add(work);
            if (group.Count > 0) await RunGroup(group);
            group.Clear();
        }
    }

    private async Task RunGroup(List<GroupedWork> group)
    {
        try
        {
            await Execute(group, again: false);
            foreach (var work in group) work.Done.SetResult();
        }
        catch (Exception e) when (group.Count > 1)
        {
            _log.LogWarning(e, "A group of {Count} {What} failed; running them one by one", group.Count, _what);
            foreach (var work in group) await RunAlone(work);
        }
        catch (Exception e)
        {
            group[0].Done.SetException(e);
        }
    }

    private async Task RunAlone(GroupedWork work)
    {
        try
        {
            await Execute([work], again: true);
            work.Done.SetResult();
        }
        catch (Exception e)
        {
            work.Done.SetException(e);
        }
    }

    private async Task Execute(IReadOnlyList<GroupedWork> group, bool again)
    {
        // A batch without an explicit transaction runs in one implicit transaction: all of it or nothing.
        await using var batch = _db.CreateBatch();
        foreach (var work in group) work.AddTo(batch, again);
        await using var reader = await batch.ExecuteReaderAsync();
        foreach (var work in group) await work.ReadResults(reader);
        // An error of a later statement surfaces only when its result is reached.
        while (await reader.NextResultAsync()) { }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }
}
