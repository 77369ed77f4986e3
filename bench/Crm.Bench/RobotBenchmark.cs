using static Crm.Bench.BenchArgs;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;

namespace Crm.Bench;

/// <summary>
/// Issue 5: N deals each with a robot due in the same minute. A silo hosted in this process (the
/// product's own silo configuration) on a durable private PostgreSQL; the deals are created through
/// the grains; the robot is an e-mail robot that runs "immediately, within working hours", and the
/// portal's working hours start at a whole minute X after the creation will have ended, so every
/// deal's robot is due exactly at X. Measured: creation rate; memory, active grains and database
/// load while the robots wait and while they fire; lateness of each run (outbox row time − X); that
/// every robot ran exactly once (outbox dedupe keys, timeline lines), also one reminder period later.
/// </summary>
public static class RobotBenchmark
{
    private const int PortalId = 1;

    public static async Task Run(string[] args)
    {
        var dealCount = int.Parse(Arg(args, "--deals", "100000"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Arg(args, "--concurrency", "64"), CultureInfo.InvariantCulture);
        var warmupCount = int.Parse(Arg(args, "--warmup", Math.Clamp(dealCount / 10, 1000, 5000).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        // X = now + (expected creation time) * margin + wait, rounded up to a whole minute.
        var margin = double.Parse(Arg(args, "--margin", "2"), CultureInfo.InvariantCulture);
        var minWait = TimeSpan.FromSeconds(double.Parse(Arg(args, "--wait", "60"), CultureInfo.InvariantCulture));
        var fireTimeout = TimeSpan.FromSeconds(double.Parse(Arg(args, "--fire-timeout", "600"), CultureInfo.InvariantCulture));
        var settleTimeout = TimeSpan.FromSeconds(double.Parse(Arg(args, "--settle-timeout", "180"), CultureInfo.InvariantCulture));
        var observe = TimeSpan.FromSeconds(double.Parse(Arg(args, "--observe", "75"), CultureInfo.InvariantCulture));
        // --cold: deactivate every grain before X, so the reminders alone wake the deals (as after a restart).
        var cold = args.Contains("--cold");
        var total = Stopwatch.StartNew();

        Console.WriteLine("Starting a durable private PostgreSQL with the product's migrations...");
        var connectionString = await PostgresServer.Start(durable: true).CreateDatabase("robots");
        int userId;
        await using (var setup = NpgsqlDataSource.Create(connectionString))
        await using (var user = setup.CreateCommand(
            $"INSERT INTO portals (id, name) VALUES ({PortalId}, 'Robots'); INSERT INTO users (portal_id, email, normalized_email, display_name, security_stamp) VALUES ({PortalId}, 'ann@bench', 'ANN@BENCH', 'Ann', 's') RETURNING id"))
            userId = (int)(await user.ExecuteScalarAsync())!;

        Console.WriteLine("Starting the silo in this process...");
        var logs = new LogTally();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Crm"] = connectionString });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(logs);
        // The product's connection settings (auto-prepare, no reset) and silo configuration.
        var siloConnection = DatabaseSettings.ConnectionString(builder.Configuration);
        builder.UseOrleans(silo => silo.AddCrmSilo(siloConnection, new ClusterSettings
        {
            ClusterId = "robot-bench",
            SiloPort = PostgresServer.FreePort(),
            GatewayPort = PostgresServer.FreePort(),
        }));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var results = new Dictionary<string, object?>
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O"),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.0} GiB",
            ["gc"] = GCSettings.IsServerGC ? "server" : "workstation",
            ["deals"] = dealCount,
            ["concurrency"] = concurrency,
            ["warmupDeals"] = warmupCount,
            ["cold"] = cold,
        };

        await grains.GetGrain<IPortalGrain>(PortalId).Create("Robots", userId);
        var pipelineId = (await grains.GetGrain<IPortalGrain>(PortalId).GetPipelines())[0].Id;
        var pipeline = await grains.GetGrain<IPipelineGrain>(GrainKeys.For(PortalId, pipelineId)).Get();
        var contactId = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(PortalId, "contact")).Next();
        await grains.GetGrain<IContactGrain>(GrainKeys.For(PortalId, contactId)).Create(
            new ContactFields("Client", userId, LastName: "Bench", Emails: [new ContactPoint("client@bench.example", ContactPointType.Work)]), [], userId);
        DealFields Fields(int i) => new($"Deal {i}", 100 + i % 900, "USD", userId, ContactIds: [contactId]);

        var wakeQueue = host.Services.GetRequiredService<Crm.Grains.Automation.RobotWakeQueue>();
        await using var sampler = await RobotSampler.Start(connectionString, grains, () => wakeQueue.Count);
        await using var db = NpgsqlDataSource.Create(connectionString);

        // Warm-up without robots (none are set yet): compiles the hot paths and gives the rate that X is chosen from.
        sampler.Phase = "warmup";
        Console.WriteLine($"Warm-up: {warmupCount:N0} deals without robots, {concurrency} at a time...");
        var warmup = await CreateDeals(grains, warmupCount, concurrency, Fields, userId, null);
        Console.WriteLine($"  {warmup.PerSecond:N0} deals/s ({warmup.SecondHalfPerSecond:N0}/s in the second half, {warmup.Seconds:0.0} s), {warmup.Failures} failed");
        results["warmup"] = warmup.Report();

        var robot = new Robot("mail", "Mail", RobotAction.SendEmail,
            new RobotSettings(Subject: "Hello {{title}}", Body: "Dear client, about {{title}}: see you soon."),
            new RobotTiming(RobotTimingKind.Immediately, WorkingHoursOnly: true));
        await grains.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(PortalId, pipeline.Id)).Set(pipeline.FirstStage.Id, [robot], userId);

        var expected = TimeSpan.FromSeconds(dealCount / Math.Max(1, warmup.SecondHalfPerSecond) * margin) + minWait;
        var (due, hours) = PickDue(DateTimeOffset.UtcNow + expected);
        await grains.GetGrain<IPortalGrain>(PortalId).SetWorkingHours(hours, userId);
        Console.WriteLine($"Robots due at {due:HH:mm:ss} UTC (in {(due - DateTimeOffset.UtcNow).TotalSeconds:0} s); creating {dealCount:N0} deals...");
        results["dueAt"] = due.ToString("O");
        results["workingHours"] = new { hours.TimeZoneId, days = hours.Days.Select(d => d.ToString()), start = hours.Start.ToString("HH:mm"), end = hours.End.ToString("HH:mm") };

        sampler.Phase = "creating";
        var created = await CreateDeals(grains, dealCount, concurrency, Fields, userId, due);
        Console.WriteLine($"  {created.PerSecond:N0} deals/s ({created.Seconds:0.0} s), {created.Failures} failed; {(due - DateTimeOffset.UtcNow).TotalSeconds:0} s left before X");
        var (firstId, lastId) = (created.FirstId, created.FirstId + dealCount - 1);
        var late = await Scalar(db, "SELECT count(*) FROM deals WHERE portal_id = $1 AND id BETWEEN $2 AND $3 AND created_at >= $4", PortalId, firstId, lastId, due);
        if (late > 0) Console.WriteLine($"  WARNING: {late:N0} deals were created at or after X: their robots ran at once, not at X.");
        results["creation"] = created.Report();
        results["dealsCreatedAtOrAfterDue"] = late;
        results["reminderRowsAfterCreation"] = await Scalar(db, "SELECT count(*) FROM orleansreminderstable");
        results["activationsAfterCreation"] = await sampler.ActivationsByType();

        sampler.Phase = "waiting";
        if (cold)
        {
            Console.WriteLine("Deactivating every grain (--cold): the reminders alone must wake the deals...");
            await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            await Task.Delay(TimeSpan.FromSeconds(5));
            results["activeDealGrainsAfterDeactivation"] = (await sampler.Activations()).Deals;
            // Deactivation writes nothing, but a collection that has not finished by X would blur the measure.
            if (DateTimeOffset.UtcNow > due - TimeSpan.FromSeconds(5)) Console.WriteLine("  WARNING: deactivation ran close to X.");
        }
        results["retainedMiBAfterCreation"] = RetainedMiB();
        var waitLeft = due - DateTimeOffset.UtcNow;
        Console.WriteLine($"Waiting {waitLeft.TotalSeconds:0} s for X (sampling memory and database load)...");
        if (waitLeft > TimeSpan.Zero) await Task.Delay(waitLeft);

        sampler.Phase = "firing";
        var expectedRows = dealCount - created.Failures;
        Console.WriteLine($"X reached; waiting (at most {fireTimeout.TotalSeconds:0} s) for {expectedRows:N0} outbox rows...");
        var fireClock = Stopwatch.StartNew();
        long rows = 0;
        var lastReport = TimeSpan.Zero;
        while (fireClock.Elapsed < fireTimeout)
        {
            rows = await Scalar(db, "SELECT count(*) FROM outbox WHERE portal_id = $1 AND record_type = 'deal'", PortalId);
            if (rows >= expectedRows) break;
            if (fireClock.Elapsed - lastReport >= TimeSpan.FromSeconds(10))
            {
                lastReport = fireClock.Elapsed;
                var s = sampler.Last;
                Console.WriteLine($"  +{fireClock.Elapsed.TotalSeconds:0} s: {rows:N0} outbox rows, {s?.ReminderRows:N0} reminder rows, {s?.ActiveDealGrains:N0} active deals, {s?.WakeQueue:N0} queued, heap {s?.GcHeapMiB:N0} MiB");
            }
            await Task.Delay(250);
        }
        var allFiredAfter = rows >= expectedRows ? (DateTimeOffset.UtcNow - due).TotalSeconds : (double?)null;
        Console.WriteLine(allFiredAfter is { } a ? $"  all {rows:N0} rows {a:0.0} s after X (by the poll)" : $"  TIMED OUT with {rows:N0} of {expectedRows:N0} rows");

        // The deals drop their reminders after running; the silo's outbox sender marks each message
        // held (no SMTP is configured), 10 per claim: reported, but only the reminders are waited for.
        sampler.Phase = "settling";
        var settleClock = Stopwatch.StartNew();
        long reminders = 0, held = 0;
        while (settleClock.Elapsed < settleTimeout)
        {
            reminders = await Scalar(db, "SELECT count(*) FROM orleansreminderstable");
            held = await Scalar(db, "SELECT count(*) FROM outbox WHERE status = 'held'");
            if (reminders == 0) break;
            await Task.Delay(500);
        }
        results["settled"] = new
        {
            secondsAfterDue = Math.Round((DateTimeOffset.UtcNow - due).TotalSeconds, 1),
            reminderRowsLeft = reminders,
            outboxHeld = held,
            outboxNotYetHeld = rows - held,
            timedOut = reminders != 0,
        };
        Console.WriteLine($"  settled {(DateTimeOffset.UtcNow - due).TotalSeconds:0} s after X: {reminders:N0} reminder rows left, {held:N0} of {rows:N0} messages held");

        var firstCheck = await Verify(db, due, firstId, lastId);
        // One reminder period and more later: a reminder left behind would have fired again by now.
        sampler.Phase = "after";
        Console.WriteLine($"Observing {observe.TotalSeconds:0} s more (longer than the 1-minute reminder period)...");
        await Task.Delay(observe);
        var secondCheck = await Verify(db, due, firstId, lastId);
        results["retainedMiBAfter"] = RetainedMiB();

        results["allOutboxRowsSecondsAfterDue"] = allFiredAfter;
        results["runs"] = firstCheck;
        results["runsAfterObserving"] = secondCheck;
        results["phases"] = new[] { "warmup", "creating", "waiting", "firing", "settling", "after" }.Select(sampler.Summary).ToList();
        results["warningsAndErrors"] = logs.Report();
        results["totalSeconds"] = Math.Round(total.Elapsed.TotalSeconds, 0);
        results["samples"] = sampler.Samples;
        Console.WriteLine(JsonSerializer.Serialize(firstCheck));
        // The sender goes on marking messages held meanwhile; only the runs must not change.
        Console.WriteLine(RunsOnly(firstCheck) == RunsOnly(secondCheck)
            ? "  runs unchanged after observing"
            : $"  RUNS CHANGED after observing: {JsonSerializer.Serialize(secondCheck)}");

        await host.StopAsync();
        var folder = Path.Combine(Repository.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"robots-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Results written to {file} ({total.Elapsed.TotalMinutes:0.0} min in all)");
    }

    private static string RunsOnly(object check)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(check))!;
        json["outbox"]!.AsObject().Remove("held");
        json["outbox"]!.AsObject().Remove("otherStatus");
        return json.ToJsonString();
    }

    /// <summary>
    /// The first whole minute at or after <paramref name="earliest"/>, and working hours that start
    /// then: only X's day of the week (a deal created the day before, near midnight, waits for X
    /// too), until 23:59. Later than 23:58 moves X to the next midnight.
    /// </summary>
    private static (DateTimeOffset Due, WorkingHours Hours) PickDue(DateTimeOffset earliest)
    {
        var utc = earliest.UtcDateTime;
        var due = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        if (due.TimeOfDay > new TimeSpan(23, 58, 0)) due = new DateTimeOffset(due.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        return (due, new WorkingHours("UTC", [due.DayOfWeek], TimeOnly.FromTimeSpan(due.TimeOfDay), new TimeOnly(23, 59)));
    }

    /// <param name="SecondHalfPerSecond">The rate of the second half, past the cold start (JIT, first activations of shared grains).</param>
    private sealed record Creation(long FirstId, int Count, int Failures, double Seconds, double[] CallMs, IReadOnlyList<string> FirstFailures, double SecondHalfPerSecond)
    {
        public double PerSecond => (Count - Failures) / Seconds;

        public object Report() => new
        {
            deals = Count,
            failures = Failures,
            firstFailures = FirstFailures,
            seconds = Math.Round(Seconds, 1),
            dealsPerSecond = Math.Round(PerSecond, 0),
            secondHalfDealsPerSecond = Math.Round(SecondHalfPerSecond, 0),
            callMs = LatencyStats.Percentiles(CallMs.Order().ToArray()),
        };
    }

    /// <summary>Creates <paramref name="count"/> deals through their grains, <paramref name="concurrency"/> calls in flight.</summary>
    private static async Task<Creation> CreateDeals(IGrainFactory grains, int count, int concurrency, Func<int, DealFields> fields, int actorId, DateTimeOffset? due)
    {
        // Reserved in blocks (at most 10,000 ids a call); nothing else creates deals meanwhile, so they follow on.
        var ids = grains.GetGrain<IRecordIdGrain>(GrainKeys.For(PortalId, "deal"));
        var firstId = await ids.Reserve(Math.Min(count, 10_000));
        for (var reserved = Math.Min(count, 10_000); reserved < count; reserved += 10_000)
            if (await ids.Reserve(Math.Min(count - reserved, 10_000)) != firstId + reserved)
                throw new InvalidOperationException("The deal ids reserved are not consecutive.");
        var pipelineId = (await grains.GetGrain<IPortalGrain>(PortalId).GetPipelines())[0].Id;
        var callMs = new double[count];
        var failures = 0;
        var firstFailures = new List<string>();
        var done = 0;
        var halfAt = 0.0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await grains.GetGrain<IDealGrain>(GrainKeys.For(PortalId, firstId + i)).Create(new NewDeal(pipelineId, fields(i)), actorId);
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failures) <= 5)
                    lock (firstFailures) firstFailures.Add($"{e.GetType().Name}: {e.Message}");
            }
            callMs[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var n = Interlocked.Increment(ref done);
            if (n == count / 2) halfAt = clock.Elapsed.TotalSeconds;
            if (n % Math.Max(1, count / 10) == 0)
                Console.WriteLine($"  {n:N0} created, {n / clock.Elapsed.TotalSeconds:N0}/s" + (due is { } d ? $", {(d - DateTimeOffset.UtcNow).TotalSeconds:0} s before X" : ""));
        });
        var seconds = clock.Elapsed.TotalSeconds;
        return new Creation(firstId, count, failures, seconds, callMs, firstFailures, (count - count / 2) / Math.Max(0.001, seconds - halfAt));
    }

    /// <summary>Runs per deal from the outbox (one row per run, unique dedupe key) and from the timelines ("ran: …" lines), and how late they were.</summary>
    private static async Task<object> Verify(NpgsqlDataSource db, DateTimeOffset due, long firstId, long lastId)
    {
        await using var outbox = db.CreateCommand("""
            SELECT count(*), count(DISTINCT o.dedupe_key), count(DISTINCT o.record_id),
                   percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY o.created_at) FILTER (WHERE d.created_at < $4),
                   min(o.created_at) FILTER (WHERE d.created_at < $4), max(o.created_at) FILTER (WHERE d.created_at < $4),
                   count(*) FILTER (WHERE o.status = 'held'), count(*) FILTER (WHERE o.status NOT IN ('held')),
                   count(*) FILTER (WHERE d.created_at < $4), max(o.created_at)
              FROM outbox o LEFT JOIN deals d ON d.portal_id = o.portal_id AND d.id = o.record_id
             WHERE o.portal_id = $1 AND o.record_type = 'deal' AND o.record_id BETWEEN $2 AND $3
            """);
        outbox.Parameters.Add(new() { Value = PortalId });
        outbox.Parameters.Add(new() { Value = firstId });
        outbox.Parameters.Add(new() { Value = lastId });
        outbox.Parameters.Add(new() { Value = due });
        object outboxReport;
        await using (var r = await outbox.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            var rows = r.GetInt64(0);
            double? Late(DateTime? at) => at is { } t ? Math.Round((new DateTimeOffset(t, TimeSpan.Zero) - due).TotalSeconds, 3) : null;
            var cohort = r.GetInt64(8);
            var percentiles = cohort > 0 ? r.GetFieldValue<DateTime[]>(3) : [];
            outboxReport = new
            {
                rows,
                distinctDedupeKeys = r.GetInt64(1),
                distinctDeals = r.GetInt64(2),
                // Only the deals created before X: their robots were due at X (a deal created later runs at once).
                rowsOfDealsCreatedBeforeDue = cohort,
                lastRowSecondsAfterDue = rows == 0 ? (double?)null : Late(r.GetDateTime(9)),
                latenessSeconds = cohort == 0 ? null : new
                {
                    min = Late(r.GetDateTime(4)),
                    p50 = Late(percentiles[0]),
                    p90 = Late(percentiles[1]),
                    p99 = Late(percentiles[2]),
                    max = Late(r.GetDateTime(5)),
                },
                held = r.GetInt64(6),
                otherStatus = r.GetInt64(7),
            };
        }

        await using var timeline = db.CreateCommand("""
            WITH lines AS (
                SELECT h.deal_id, h.at, c->>'new' AS outcome
                  FROM deal_history h CROSS JOIN LATERAL jsonb_array_elements(h.changes) c
                 WHERE h.portal_id = $1 AND h.deal_id BETWEEN $2 AND $3 AND c->>'field' = 'robot'),
            per AS (
                SELECT d.id, count(l.deal_id) FILTER (WHERE l.outcome LIKE 'ran: %') AS ran,
                       count(l.deal_id) FILTER (WHERE l.outcome NOT LIKE 'ran: %') AS other
                  FROM deals d LEFT JOIN lines l ON l.deal_id = d.id
                 WHERE d.portal_id = $1 AND d.id BETWEEN $2 AND $3
                 GROUP BY d.id)
            SELECT count(*), count(*) FILTER (WHERE ran = 1), count(*) FILTER (WHERE ran = 0), count(*) FILTER (WHERE ran > 1), coalesce(sum(other), 0),
                   (SELECT percentile_disc(ARRAY[0.5, 0.99, 1.0]) WITHIN GROUP (ORDER BY at) FROM lines WHERE outcome LIKE 'ran: %'),
                   (SELECT string_agg(o, ' | ') FROM (SELECT outcome || ' (' || count(*) || ')' AS o FROM lines WHERE outcome NOT LIKE 'ran: %' GROUP BY outcome ORDER BY count(*) DESC LIMIT 5) x)
              FROM per
            """);
        timeline.Parameters.Add(new() { Value = PortalId });
        timeline.Parameters.Add(new() { Value = firstId });
        timeline.Parameters.Add(new() { Value = lastId });
        await using var t = await timeline.ExecuteReaderAsync();
        await t.ReadAsync();
        var at = t.IsDBNull(5) ? [] : t.GetFieldValue<DateTime[]>(5);
        double Since(DateTime moment) => Math.Round((new DateTimeOffset(moment, TimeSpan.Zero) - due).TotalSeconds, 3);
        return new
        {
            outbox = outboxReport,
            timeline = new
            {
                deals = t.GetInt64(0),
                ranOnce = t.GetInt64(1),
                neverRan = t.GetInt64(2),
                ranMoreThanOnce = t.GetInt64(3),
                otherRobotLines = t.GetInt64(4),
                otherRobotLinesSample = t.IsDBNull(6) ? null : t.GetString(6),
                // The version's time (the grain's clock when the run's change was made), not the row's insert.
                ranAtSecondsAfterDue = at.Length == 3 ? new { p50 = Since(at[0]), p99 = Since(at[1]), max = Since(at[2]) } : null,
            },
        };
    }

    /// <summary>Managed memory still reachable after a full, compacting collection (the readings show the heap as the GC left it).</summary>
    private static double RetainedMiB()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        return Math.Round(GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024), 1);
    }

    private static async Task<long> Scalar(NpgsqlDataSource db, string sql, params object[] values)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
