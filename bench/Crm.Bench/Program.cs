using System.Globalization;
using System.Text.Json;
using Crm.Bench;
using Crm.TestSupport;

// Board benchmark (issue 2): persisted moves/s, and move-to-watcher latency at 10 moves/s for
// 1, 100 and 1,000 SignalR watchers. The server runs as its own process (Release build of
// Crm.Web, co-hosting its silo) on a durable private PostgreSQL; results go to bench/results/.
//   dotnet run -c Release --project bench/Crm.Bench [-- --watchers 1,100,1000 --concurrency 8,16,32,64 --seconds 20
//      --warmup 20 --watcher lean|hubconnection]
// Import benchmark: a generated lead file imported through the API (see ImportBenchmark).
//   dotnet run -c Release --project bench/Crm.Bench -- import [--leads 100000 --duplicates 0.05 --mode skip|merge|create
//      --warmup 10000 --concurrency 16]
// Robot benchmark (issue 5): N deals whose robots are all due in the same minute (see RobotBenchmark).
//   dotnet run -c Release --project bench/Crm.Bench -- robots [--deals 100000 --concurrency 64 --margin 2 --wait 60 --cold]
// Stream poll benchmark (issue 6): N viewers on the hub, M voters voting at once on one poll (see StreamPollBenchmark).
//   dotnet run -c Release --project bench/Crm.Bench -- poll [--viewers 1000 --voters 100 --rounds 5 --warmup 2 --timeout 60 --watcher lean|hubconnection]
// Chat benchmark (issue 6): N visitors chatting at once with an operator who answers every message (see ChatBenchmark).
//   dotnet run -c Release --project bench/Crm.Bench -- chat [--visitors 500 --messages 10 --pause-ms 1000 --timeout 120]
if (args.FirstOrDefault() == "chat")
{
    await ChatBenchmark.Run(args[1..]);
    return;
}

if (args.FirstOrDefault() == "poll")
{
    await StreamPollBenchmark.Run(args[1..]);
    return;
}

if (args.FirstOrDefault() == "robots")
{
    await RobotBenchmark.Run(args[1..]);
    return;
}

if (args.FirstOrDefault() == "import")
{
    await ImportBenchmark.Run(args[1..]);
    return;
}

// With --lists N it runs the list benchmark instead (ListBenchmark.cs).
if (args.Contains("--lists"))
{
    await ListBenchmark.Run(args);
    return;
}

var watcherCounts = Option("--watchers", "1,100,1000").Split(',').Select(int.Parse).ToArray();
var seconds = int.Parse(Option("--seconds", "15"), CultureInfo.InvariantCulture);
var concurrencies = Option("--concurrency", "8,16,32,64").Split(',').Select(int.Parse).ToArray();
var lean = Option("--watcher", "lean") == "lean";
var warmup = int.Parse(Option("--warmup", "20"), CultureInfo.InvariantCulture);

Console.WriteLine("Starting a durable private PostgreSQL and the server...");
var db = await PostgresServer.Start(durable: true).CreateDatabase("bench");
await using var server = await BenchServer.Start(db, new Dictionary<string, string>
{
    ["Logging__LogLevel__Crm.Web.Live"] = Environment.GetEnvironmentVariable("CRM_BENCH_LIVE_LOG") ?? "Information",
}, echo: line => line.Contains("fail:") || line.Contains("crit:") || line.Contains("warn:") || line.Contains("Crm.Web.Live"));
var client = await BenchClient.SignIn(server.BaseAddress);
var board = await client.PrepareBoard(deals: 200);
var rotation = new StageRotation(board.DealIds, board.Pipeline.Stages.Count(s => !s.IsFinal));

var results = new Dictionary<string, object>
{
    ["date"] = DateTimeOffset.UtcNow.ToString("O"),
    ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
    ["serverMemoryAtStartMiB"] = server.ResidentMiB(),
};

// A server that has run for a while has finished compiling its hot paths (tiered JIT); without a
// warm-up the first seconds measure the JIT (a sixth of the machine in a profile of a cold start).
Console.WriteLine($"Warm-up: {concurrencies[0]} concurrent movers for {warmup} s, not counted...");
await Scenarios.Throughput(client, board, rotation, concurrencies[0], TimeSpan.FromSeconds(warmup), server);

// The highest sustained rate depends on how many calls are in flight: too few leave the cores
// idle between round trips, too many make PostgreSQL's backends fight over them. Each is reported.
var throughput = new List<object>();
foreach (var concurrency in concurrencies)
{
    Console.WriteLine($"Throughput: {concurrency} concurrent movers for {seconds} s...");
    var r = await Scenarios.Throughput(client, board, rotation, concurrency, TimeSpan.FromSeconds(seconds), server);
    throughput.Add(r);
    Console.WriteLine(JsonSerializer.Serialize(r));
}
results["throughput"] = throughput;

var latency = new List<object>();
foreach (var n in watcherCounts)
{
    Console.WriteLine($"Latency: {n} watchers, 10 moves/s for {seconds} s...");
    var r = await Scenarios.Latency(client, board, rotation, n, lean, movesPerSecond: 10, TimeSpan.FromSeconds(seconds), server);
    latency.Add(r);
    Console.WriteLine(JsonSerializer.Serialize(r));
}
results["latency"] = latency;

var folder = Path.Combine(Repository.Root, "bench", "results");
Directory.CreateDirectory(folder);
var file = Path.Combine(folder, $"board-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"Results written to {file}");

string Option(string name, string fallback) => BenchArgs.Arg(args, name, fallback);
