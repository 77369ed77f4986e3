using static Crm.Bench.BenchArgs;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Grains.Interfaces.CustomFields;
using Npgsql;

namespace Crm.Bench;

/// <summary>
/// List benchmark (issue: "list filter and search over 1,000,000 leads, p99 &lt;= 50 ms for an
/// indexed filter, first page"). Same server set-up as the board benchmark; the leads are written
/// into the read model directly (<see cref="LeadSeeder"/>); every query goes through the HTTP API
/// as the signed-in demo admin.
///   dotnet run -c Release --project bench/Crm.Bench -- --lists 1000000 [--iterations 200 --query-warmup 30 --parallel 4]
/// With --database CONNECTION_STRING it measures a database an earlier run seeded (kept when
/// CRM_TEST_PG names a server of one's own) instead of seeding a new one: for comparing product
/// changes without the minutes of seeding; --only TEXT measures the kinds whose name contains it.
/// </summary>
public static class ListBenchmark
{
    public const double TargetP99Ms = 50;

    public static async Task Run(string[] args)
    {
        var leads = int.Parse(Arg(args, "--lists", "1000000"), CultureInfo.InvariantCulture);
        var iterations = int.Parse(Arg(args, "--iterations", "200"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Arg(args, "--query-warmup", "30"), CultureInfo.InvariantCulture);
        var parallel = int.Parse(Arg(args, "--parallel", "4"), CultureInfo.InvariantCulture);

        var reuse = Arg(args, "--database", "");
        Console.WriteLine(reuse.Length > 0 ? "Starting the server on the given database..." : "Starting a durable private PostgreSQL and the server...");
        var db = reuse.Length > 0 ? reuse : await PostgresServer.Start(durable: true).CreateDatabase("lists");
        if (reuse.Length > 0) await Crm.Silo.Migrations.MigrationRunner.Apply(db);
        await using var server = await BenchServer.Start(db);
        var client = await BenchClient.SignIn(server.BaseAddress);
        var (portalId, users) = await DemoPortal(db);

        CustomField segment;
        DateTimeOffset until;
        object seeding;
        if (reuse.Length > 0)
        {
            var fields = (await client.Http.GetFromJsonAsync<List<CustomField>>("/api/custom-fields?recordKind=lead", BenchClient.Json))!;
            segment = fields.Single(f => f.Label == "Segment");
            (until, seeding) = await Seeded(db, portalId);
        }
        else
        {
            // Defined through the API, so the field's definition and its indexes are the product's own.
            segment = await AddField(client, new
            {
                recordKind = "lead", label = "Segment", type = "list",
                items = LeadWords.Segments.Select(name => new { name }).ToArray(),
            });
            var employees = await AddField(client, new { recordKind = "lead", label = "Employees", type = "number" });
            until = DateTimeOffset.UtcNow;
            Console.WriteLine($"Seeding {leads:N0} leads into the read model (binary COPY), then VACUUM (ANALYZE)...");
            seeding = await LeadSeeder.Seed(db, portalId, users, segment, employees, leads, until);
            Console.WriteLine(JsonSerializer.Serialize(seeding));
        }

        var only = Arg(args, "--only", "");
        var kinds = ListQueryKind.All(users, segment.Code, segment.Items!.Select(i => i.Id).ToList(), until)
            .Where(k => k.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
        var results = new Dictionary<string, object>
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O"),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["command"] = "dotnet run -c Release --project bench/Crm.Bench -- " + string.Join(' ', args),
            ["targetP99Ms"] = TargetP99Ms,
            ["pageSize"] = ListQueryKind.PageSize,
            ["seeding"] = seeding,
            ["serverMemoryAtStartMiB"] = server.ResidentMiB(),
        };

        // The server compiles its hot paths over the first calls (tiered JIT) and PostgreSQL reads
        // the pages it needs into memory: neither is what a server in service pays.
        Console.WriteLine($"Warm-up: {warmup} requests of each kind, not counted...");
        for (var i = 0; i < warmup; i++)
            foreach (var kind in kinds)
                await Call(client.Http, kind.Urls[i % kind.Urls.Count]);

        var measured = new List<object>();
        var table = new List<string>();
        foreach (var kind in kinds)
        {
            // This machine is shared: its 1-minute load average (this run included) says how busy it was.
            var loadBefore = LoadAverage();
            var variants = new List<Variant>();
            foreach (var url in kind.Urls)
            {
                var answer = await Call(client.Http, url);
                variants.Add(new Variant(url, answer.Total, answer.Exact, answer.Rows));
            }

            // A count that ran out of its time budget leaves the total at the page ("more than 50").
            var outOfTime = 0;
            var sequential = new List<double>();
            var byVariant = kind.Urls.Select(_ => new List<double>()).ToArray();
            for (var i = 0; i < iterations; i++)
            {
                var answer = await Call(client.Http, kind.Urls[i % kind.Urls.Count]);
                sequential.Add(answer.Ms);
                byVariant[i % kind.Urls.Count].Add(answer.Ms);
                if (answer.OutOfTime) outOfTime++;
            }

            var concurrent = new List<double>();
            var parallelOutOfTime = 0;
            var cpu = new CpuMeter(server);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(async w =>
            {
                var mine = new List<double>();
                var late = 0;
                for (var i = w; i < iterations; i += parallel)
                {
                    var answer = await Call(client.Http, kind.Urls[i % kind.Urls.Count]);
                    mine.Add(answer.Ms);
                    if (answer.OutOfTime) late++;
                }
                lock (concurrent) concurrent.AddRange(mine);
                Interlocked.Add(ref parallelOutOfTime, late);
            }));
            var seconds = clock.Elapsed.TotalSeconds;

            var seq = sequential.Order().ToArray();
            var par = concurrent.Order().ToArray();
            var met = LatencyStats.At(seq, 0.99) <= TargetP99Ms;
            var result = new
            {
                kind = kind.Name,
                variants = variants.Select((v, i) => new { v.Url, v.Matches, v.Exact, v.Rows, sequentialMs = LatencyStats.Percentiles(byVariant[i]) }),
                sequentialMs = LatencyStats.Percentiles(sequential),
                sequentialCountsOutOfTime = outOfTime,
                parallelMs = LatencyStats.Percentiles(concurrent),
                parallelCountsOutOfTime = parallelOutOfTime,
                parallelClients = parallel,
                parallelRequestsPerSecond = Math.Round(concurrent.Count / seconds, 1),
                parallelCpu = cpu.Read(),
                p99TargetMet = met,
                machineLoadAverage = new { before = loadBefore, after = LoadAverage() },
            };
            measured.Add(result);
            table.Add($"| {kind.Name} | {string.Join(" / ", variants.Select(v => $"{v.Matches:N0}{(v.Exact ? "" : "+")}"))} " +
                $"| {LatencyStats.At(seq, 0.5)} / {LatencyStats.At(seq, 0.95)} / {LatencyStats.At(seq, 0.99)} / {seq[^1]:F1} " +
                $"| {LatencyStats.At(par, 0.5)} / {LatencyStats.At(par, 0.99)} | {outOfTime} / {parallelOutOfTime} | {(met ? "met" : "**missed**")} |");
            Console.WriteLine(JsonSerializer.Serialize(result));
        }
        results["kinds"] = measured;
        results["serverMemoryAtEndMiB"] = server.ResidentMiB();

        var folder = Path.Combine(Repository.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"lists-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));

        Console.WriteLine();
        Console.WriteLine($"| query (first page of 50) | matching leads per variant | p50 / p95 / p99 / max ms, sequential | p50 / p99 ms, {parallel} parallel | counts out of time | p99 <= 50 ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in table) Console.WriteLine(row);
        Console.WriteLine($"Results written to {file}");
    }

    /// <summary>One variant of a kind as first answered: how many leads match ("+": at least) and how many rows came back.</summary>
    private sealed record Variant(string Url, long Matches, bool Exact, int Rows);

    private static async Task<(double Ms, long Total, bool Exact, int Rows, bool OutOfTime)> Call(HttpClient http, string url)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var exact = !root.TryGetProperty("totalIsExact", out var e) || e.GetBoolean();
        var total = root.GetProperty("total").GetInt64();
        var rows = root.GetProperty("items").GetArrayLength();
        return (ms, total, exact, rows, !exact && total == rows);
    }

    private static async Task<CustomField> AddField(BenchClient client, object body)
    {
        var response = await client.Http.PostAsJsonAsync("/api/custom-fields", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CustomField>(BenchClient.Json))!;
    }

    private static async Task<(int PortalId, int[] Users)> DemoPortal(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand("""
            SELECT p.id, array_agg(u.id ORDER BY u.id) FROM portals p JOIN users u ON u.portal_id = p.id
            WHERE p.name = 'Demo' GROUP BY p.id
            """);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException("The demo portal was not seeded.");
        return (reader.GetInt32(0), reader.GetFieldValue<int[]>(1));
    }

    /// <summary>The creation time of the newest lead (the seeding's "until") and the size of what an earlier run seeded.</summary>
    private static async Task<(DateTimeOffset Until, object Seeding)> Seeded(string connectionString, int portalId)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var command = db.CreateCommand("""
            SELECT max(created_at), count(*), pg_size_pretty(pg_table_size('leads')), pg_size_pretty(pg_indexes_size('leads'))
            FROM leads WHERE portal_id = $1
            """);
        command.Parameters.Add(new() { Value = portalId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<DateTimeOffset>(0), new
        {
            reused = true, portalLeads = reader.GetInt64(1), tableSize = reader.GetString(2), indexesSize = reader.GetString(3),
        });
    }

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
