using System.Collections.Concurrent;
using System.Diagnostics;
using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Bench;

public static class Scenarios
{
    /// <summary>Workers move random deals to random in-progress stages as fast as the server answers.</summary>
    public static async Task<object> Throughput(BenchClient client, (Pipeline Pipeline, IReadOnlyList<long> DealIds) board, StageRotation moves, int workers, TimeSpan duration, ServerProcess server)
    {
        var stages = board.Pipeline.Stages.Where(s => !s.IsFinal).Select(s => s.Id).ToArray();
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var notChanged = 0;
        var versions = new ConcurrentDictionary<long, long>();
        var cpu = new CpuMeter(server);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            // Each worker owns its own deals, so every call is a real change of stage.
            var mine = board.DealIds.Where((_, i) => i % workers == w).ToArray();
            var turn = 0;
            while (clock.Elapsed < duration && mine.Length > 0)
            {
                var deal = mine[turn++ % mine.Length];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var moved = await client.Move(deal, stages[moves.Next(deal)]);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    // A move that did not raise the version persisted nothing: reported, so the rate stays honest.
                    if (versions.TryGetValue(deal, out var last) && moved.Version <= last) Interlocked.Increment(ref notChanged);
                    versions[deal] = moved.Version;
                }
                catch
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        return new
        {
            workers,
            seconds = Math.Round(elapsed, 1),
            persistedMoves = sorted.Length,
            failures,
            movesThatChangedNothing = notChanged,
            movesPerSecond = Math.Round(sorted.Length / elapsed, 1),
            callMs = LatencyStats.Percentiles(sorted),
            cpu = cpu.Read(),
            serverMemoryMiB = server.ResidentMiB(),
        };
    }

    /// <summary>
    /// N hub connections watch the board; moves are made at a steady rate; each (move, watcher) pair
    /// gives one latency: from just before the API call to the watcher's receipt of that version.
    /// </summary>
    public static async Task<object> Latency(BenchClient client, (Pipeline Pipeline, IReadOnlyList<long> DealIds) board, StageRotation rotation, int watchers, bool lean, int movesPerSecond, TimeSpan duration, ServerProcess server)
    {
        var sent = new ConcurrentDictionary<(long Deal, long Version), long>();
        var pending = new ConcurrentDictionary<(long Deal, long Version), long>();
        var samples = new ConcurrentBag<double>();
        var received = 0L;
        var closed = 0;
        var closeReasons = new ConcurrentBag<string>();
        var connections = new List<IAsyncDisposable>();
        var pipelineId = board.Pipeline.Id;

        void Received(long deal, long version)
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref received);
            if (sent.TryGetValue((deal, version), out var at))
                samples.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
            else
                pending.TryAdd((deal, version), now); // arrived before the call was recorded
        }

        void Closed(string reason)
        {
            Interlocked.Increment(ref closed);
            closeReasons.Add(reason);
        }

        foreach (var batch in Enumerable.Range(0, watchers).Chunk(50))
            connections.AddRange(await Task.WhenAll(batch.Select(_ => lean
                ? client.LeanWatcher(pipelineId, Received, Closed)
                : client.HubWatcher(pipelineId, Received, Closed))));
        var memoryWatching = server.ResidentMiB();

        var stages = board.Pipeline.Stages.Where(s => !s.IsFinal).Select(s => s.Id).ToArray();
        var interval = TimeSpan.FromSeconds(1.0 / movesPerSecond);
        var callMs = new List<double>();
        var cpu = new CpuMeter(server);
        var clock = Stopwatch.StartNew();
        var moves = 0;
        while (clock.Elapsed < duration)
        {
            var due = interval * moves;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var deal = board.DealIds[moves % board.DealIds.Count];
            var started = Stopwatch.GetTimestamp();
            var moved = await client.Move(deal, stages[rotation.Next(deal)]);
            callMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            sent[(moved.Id, moved.Version)] = started;
            moves++;
        }

        // Wait (bounded) for the last deliveries.
        var wanted = (long)moves * watchers;
        var drain = Stopwatch.StartNew();
        while (Interlocked.Read(ref received) < wanted && drain.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        foreach (var ((deal, version), at) in pending)
            if (sent.TryGetValue((deal, version), out var start))
                samples.Add(Stopwatch.GetElapsedTime(start, at).TotalMilliseconds);

        var cpuUse = cpu.Read();
        var closedDuringRun = Volatile.Read(ref closed);
        var reasons = closeReasons.Distinct().Take(3).ToList();
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        var sorted = samples.Order().ToArray();
        return new
        {
            watchers,
            watcherClient = lean ? "lean (JSON hub protocol over a WebSocket)" : "Microsoft.AspNetCore.SignalR.Client HubConnection",
            moves,
            deliveriesExpected = wanted,
            deliveriesReceived = Interlocked.Read(ref received),
            connectionsLost = closedDuringRun,
            lossReasons = reasons,
            deliveryMs = LatencyStats.Percentiles(sorted),
            moveCallMs = LatencyStats.Percentiles(callMs),
            serverMemoryMiBWhileWatching = memoryWatching,
            cpu = cpuUse,
        };
    }
}

/// <summary>
/// Moves each deal one in-progress stage further each time (deal i starts in stage i mod count, as
/// prepared), so every move is a real change. One instance for the whole run: the scenarios must
/// agree on where each deal is, or a "move" to the stage a deal is already in changes nothing.
/// </summary>
public sealed class StageRotation(IReadOnlyList<long> dealIds, int stageCount)
{
    private readonly ConcurrentDictionary<long, int> _stage = new(dealIds.Select((id, i) => KeyValuePair.Create(id, i % stageCount)));

    public int Next(long dealId) => _stage.AddOrUpdate(dealId, 0, (_, s) => (s + 1) % stageCount);
}
