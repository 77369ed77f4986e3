using System.Diagnostics;
using Npgsql;
using Orleans.Runtime;

namespace Crm.Bench;

/// <summary>
/// One reading a second while the robot benchmark runs: this process's memory and CPU (it hosts the
/// silo), the active deal grains, the database's work (pg_stat_database and WAL deltas, PostgreSQL's
/// CPU) and the rows that show the robots' progress (reminders, outbox). Each reading carries the
/// phase it was taken in, so the phases can be summarised apart.
/// </summary>
public sealed class RobotSampler : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly IGrainFactory _grains;
    private readonly PostgresCpu? _postgres;
    private readonly Func<int> _wakeQueue;
    private readonly List<RobotSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private volatile string _phase = "start";

    private RobotSampler(NpgsqlDataSource db, IGrainFactory grains, PostgresCpu? postgres, Func<int> wakeQueue)
    {
        (_db, _grains, _postgres, _wakeQueue) = (db, grains, postgres, wakeQueue);
        _loop = Task.Run(Loop);
    }

    /// <param name="wakeQueue">Records the silo has queued for waking (its RobotWakeQueue).</param>
    public static async Task<RobotSampler> Start(string connectionString, IGrainFactory grains, Func<int> wakeQueue)
    {
        PostgresCpu? postgres = null;
        try
        {
            postgres = await PostgresCpu.Of(connectionString);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // A server on another machine (CRM_TEST_PG): its CPU is not ours to read.
        }
        // Its own small pool, so the readings do not queue behind the silo's connections.
        var db = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 2 }.ConnectionString).Build();
        return new RobotSampler(db, grains, postgres, wakeQueue);
    }

    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    public IReadOnlyList<RobotSample> Samples
    {
        get
        {
            lock (_samples) return _samples.ToList();
        }
    }

    /// <summary>The latest reading, if any.</summary>
    public RobotSample? Last
    {
        get
        {
            lock (_samples) return _samples.Count > 0 ? _samples[^1] : null;
        }
    }

    private async Task Loop()
    {
        var previous = await Read();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    var now = await Read();
                    var seconds = now.At - previous.At;
                    var sample = new RobotSample(
                        Math.Round(now.At, 1), _phase,
                        Mib(GC.GetGCMemoryInfo().HeapSizeBytes), Mib(now.WorkingSet),
                        Round2((now.ProcessCpu - previous.ProcessCpu) / seconds),
                        now.PostgresCpu is { } pg && previous.PostgresCpu is { } pg0 ? Round2(PostgresSeconds(pg0, pg) / seconds) : null,
                        Round2((now.MachineBusy - previous.MachineBusy) / seconds),
                        Rate(now.Commits - previous.Commits, seconds), Rate(now.Inserted - previous.Inserted, seconds),
                        Rate(now.Updated - previous.Updated, seconds), Rate(now.Deleted - previous.Deleted, seconds),
                        Round2((now.WalBytes - previous.WalBytes) / seconds / (1024 * 1024)),
                        now.ActiveDeals, now.Activations, _wakeQueue(), now.Reminders, now.Outbox, now.OutboxHeld, LoadAverage());
                    lock (_samples) _samples.Add(sample);
                    previous = now;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Console.WriteLine($"  (sample skipped: {e.GetType().Name}: {e.Message})");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>CPU seconds PostgreSQL's processes used between two readings, process by process (a backend that exits takes its total with it).</summary>
    private static double PostgresSeconds(Dictionary<int, long> before, Dictionary<int, long> after) =>
        after.Sum(p => before.TryGetValue(p.Key, out var earlier) && earlier <= p.Value ? p.Value - earlier : p.Value) / 100.0;

    private sealed record Reading(double At, long WorkingSet, double ProcessCpu, Dictionary<int, long>? PostgresCpu, double MachineBusy,
        long Commits, long Inserted, long Updated, long Deleted, long WalBytes, long ActiveDeals, long Activations, long Reminders, long Outbox, long OutboxHeld);

    private async Task<Reading> Read()
    {
        var process = Process.GetCurrentProcess();
        await using var command = _db.CreateCommand("""
            SELECT d.xact_commit, d.tup_inserted, d.tup_updated, d.tup_deleted,
                   (SELECT wal_bytes::bigint FROM pg_stat_wal),
                   (SELECT count(*) FROM orleansreminderstable),
                   (SELECT count(*) FROM outbox),
                   (SELECT count(*) FROM outbox WHERE status = 'held')
              FROM pg_stat_database d WHERE d.datname = current_database()
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (commits, inserted, updated, deleted, wal, reminders, outbox, held) =
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
        var (deals, activations) = await Activations();
        return new Reading(_clock.Elapsed.TotalSeconds, process.WorkingSet64, process.TotalProcessorTime.TotalSeconds, _postgres?.TicksByProcess(), MachineBusySeconds(),
            commits, inserted, updated, deleted, wal, deals, activations, reminders, outbox, held);
    }

    /// <summary>Active deal grains and all activations of the cluster (Orleans' management grain).</summary>
    public async Task<(long Deals, long All)> Activations()
    {
        var stats = await _grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return (stats.Where(s => IsDeal(s.GrainType)).Sum(s => (long)s.ActivationCount), stats.Sum(s => (long)s.ActivationCount));
    }

    /// <summary>Activations by grain type, largest first.</summary>
    public async Task<IReadOnlyList<object>> ActivationsByType()
    {
        var stats = await _grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return stats.GroupBy(s => s.GrainType).Select(g => (Type: g.Key, Count: g.Sum(s => (long)s.ActivationCount)))
            .OrderByDescending(t => t.Count).Take(12).Select(t => (object)new { type = t.Type, activations = t.Count }).ToList();
    }

    // Statistics name grain classes as "Namespace.Class,Assembly".
    private static bool IsDeal(string grainType) => grainType.StartsWith("Crm.Grains.Deals.DealGrain,", StringComparison.Ordinal);

    /// <summary>The machine's 1-minute load average: other work on the shared cores shows here.</summary>
    private static double LoadAverage() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static double Mib(long bytes) => Math.Round(bytes / (1024.0 * 1024), 1);

    private static double Round2(double value) => Math.Round(value, 2);

    private static double Rate(long delta, double seconds) => Math.Round(delta / seconds, 0);

    private static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return (fields.Sum() - fields[3] - fields[4]) / 100.0; // USER_HZ
    }

    /// <summary>Mean and peak of the readings taken in each of <paramref name="phases"/>.</summary>
    public object Summary(string phase)
    {
        var s = Samples.Where(x => x.Phase == phase).ToList();
        if (s.Count == 0) return new { phase, samples = 0 };
        return new
        {
            phase,
            samples = s.Count,
            gcHeapMiB = new { mean = Math.Round(s.Average(x => x.GcHeapMiB), 0), max = s.Max(x => x.GcHeapMiB), last = s[^1].GcHeapMiB },
            workingSetMiB = new { mean = Math.Round(s.Average(x => x.WorkingSetMiB), 0), max = s.Max(x => x.WorkingSetMiB), last = s[^1].WorkingSetMiB },
            activeDealGrains = new { min = s.Min(x => x.ActiveDealGrains), max = s.Max(x => x.ActiveDealGrains), last = s[^1].ActiveDealGrains },
            siloProcessCores = new { mean = Round2(s.Average(x => x.ProcessCores)), max = s.Max(x => x.ProcessCores) },
            postgresCores = s.All(x => x.PostgresCores is not null) ? new { mean = Round2(s.Average(x => x.PostgresCores!.Value)), max = s.Max(x => x.PostgresCores!.Value) } : null,
            machineCores = new { mean = Round2(s.Average(x => x.MachineCores)), max = s.Max(x => x.MachineCores) },
            commitsPerSecond = new { mean = Math.Round(s.Average(x => x.CommitsPerSecond), 0), max = s.Max(x => x.CommitsPerSecond) },
            rowsInsertedPerSecond = new { mean = Math.Round(s.Average(x => x.InsertedPerSecond), 0), max = s.Max(x => x.InsertedPerSecond) },
            rowsUpdatedPerSecond = new { mean = Math.Round(s.Average(x => x.UpdatedPerSecond), 0), max = s.Max(x => x.UpdatedPerSecond) },
            rowsDeletedPerSecond = new { mean = Math.Round(s.Average(x => x.DeletedPerSecond), 0), max = s.Max(x => x.DeletedPerSecond) },
            walMiBPerSecond = new { mean = Round2(s.Average(x => x.WalMiBPerSecond)), max = s.Max(x => x.WalMiBPerSecond) },
            loadAverage1 = new { mean = Round2(s.Average(x => x.LoadAverage1)), max = s.Max(x => x.LoadAverage1) },
            reminderRows = new { first = s[0].ReminderRows, last = s[^1].ReminderRows },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _db.DisposeAsync();
    }
}

/// <summary>One second of the robot benchmark (rates are per second over the second before it).</summary>
public sealed record RobotSample(
    double Second, string Phase, double GcHeapMiB, double WorkingSetMiB, double ProcessCores, double? PostgresCores, double MachineCores,
    double CommitsPerSecond, double InsertedPerSecond, double UpdatedPerSecond, double DeletedPerSecond, double WalMiBPerSecond,
    long ActiveDealGrains, long Activations, long WakeQueue, long ReminderRows, long OutboxRows, long OutboxHeld, double LoadAverage1);
