using static Crm.Bench.BenchArgs;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crm.Bench;

/// <summary>
/// Open-channel chat benchmark (issue 6): "500 concurrent visitor chats: messages/s and p99 delivery".
/// Same server set-up as the others (durable private PostgreSQL, Release Crm.Web as its own process on
/// loopback; the chat's per-visitor and per-address limits raised, as every visitor here shares one
/// address). N visitors each start a session, open their event stream (server-sent events) and send
/// M messages one after another with a pause between; the first opens a conversation and its lead. One
/// operator (the demo admin, online) follows the queue on the hub and answers every visitor message
/// through the API. Measured: visitor messages accepted per second, the send call's latency, the time
/// from a visitor's send to the operator's hub receiving it, and from the operator's reply to the
/// visitor's event stream receiving it.
///   dotnet run -c Release --project bench/Crm.Bench -- chat [--visitors 500 --messages 10 --pause-ms 1000 --timeout 120]
/// </summary>
public static class ChatBenchmark
{
    public static async Task Run(string[] args)
    {
        var visitorCount = int.Parse(Arg(args, "--visitors", "500"), CultureInfo.InvariantCulture);
        var messages = int.Parse(Arg(args, "--messages", "10"), CultureInfo.InvariantCulture);
        var pause = TimeSpan.FromMilliseconds(int.Parse(Arg(args, "--pause-ms", "1000"), CultureInfo.InvariantCulture));
        var timeout = TimeSpan.FromSeconds(double.Parse(Arg(args, "--timeout", "120"), CultureInfo.InvariantCulture));
        var total = Stopwatch.StartNew();

        Console.WriteLine("Starting a durable private PostgreSQL and the server...");
        var db = await PostgresServer.Start(durable: true).CreateDatabase("chat");
        await using var server = await BenchServer.Start(db, new Dictionary<string, string>
        {
            ["Crm__Chat__MessagesPerMinute"] = "1000000",
            ["Crm__Chat__SessionsPerMinute"] = "1000000",
        }, echo: line => line.Contains("fail:") || line.Contains("crit:"));
        var postgres = await PostgresCpu.Of(db);
        var cookies = new CookieContainer();
        using var operatorHttp = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, MaxConnectionsPerServer = 1024 }) { BaseAddress = server.BaseAddress };
        (await operatorHttp.PostAsJsonAsync("/api/auth/login", new { email = "admin@demo.local", password = ServerProcess.Password })).EnsureSuccessStatusCode();
        var portalId = (await operatorHttp.GetFromJsonAsync<JsonElement>("/api/access/me")).GetProperty("portalId").GetInt32();
        (await operatorHttp.PostAsJsonAsync("/api/chat/online", new { online = true })).EnsureSuccessStatusCode();

        var clock = Stopwatch.StartNew();
        double Now() => clock.Elapsed.TotalMilliseconds;
        var sent = new ConcurrentDictionary<string, double>();       // visitor message text -> send start
        var atOperator = new ConcurrentDictionary<string, double>(); // visitor message text -> seen on the operator's hub
        var replySent = new ConcurrentDictionary<string, double>();  // reply text -> reply call start
        var atVisitor = new ConcurrentDictionary<string, double>();  // reply text -> seen on the visitor's stream
        var sendLatency = new ConcurrentBag<double>();
        var replyFailures = 0;

        // The operator: follows the queue, answers each visitor message once it arrives.
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, Crm.Web.Live.BoardHub.Path), o => o.Cookies = cookies)
            .Build();
        hub.On<JsonElement>("conversationChanged", e =>
        {
            if (e.GetProperty("what").GetString() is not ("opened" or "message")) return;
            var last = e.GetProperty("messages")[e.GetProperty("messages").GetArrayLength() - 1];
            if (last.GetProperty("from").GetString() != "visitor") return;
            var text = last.GetProperty("text").GetString()!;
            if (!atOperator.TryAdd(text, Now())) return;
            var id = e.GetProperty("conversation").GetProperty("id").GetInt64();
            var reply = "r" + text;
            _ = Task.Run(async () =>
            {
                replySent[reply] = Now();
                var answered = await operatorHttp.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { text = reply });
                if (!answered.IsSuccessStatusCode) Interlocked.Increment(ref replyFailures);
            });
        });
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeChat");

        Console.WriteLine($"Starting {visitorCount} visitor sessions and their event streams...");
        using var visitorsHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = visitorCount * 2 + 16 })
        {
            BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan,
        };
        var tokens = new string[visitorCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, visitorCount), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var started = await visitorsHttp.PostAsync($"/api/public/chat/{portalId}/sessions", null);
            started.EnsureSuccessStatusCode();
            tokens[i] = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        });
        using var stop = new CancellationTokenSource();
        var streams = new List<Task>();
        var connected = new CountdownEvent(visitorCount);
        for (var i = 0; i < visitorCount; i++)
        {
            var token = tokens[i];
            streams.Add(Task.Run(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/public/chat/events?session={Uri.EscapeDataString(token)}");
                using var response = await visitorsHttp.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                response.EnsureSuccessStatusCode();
                connected.Signal();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                try
                {
                    while (await reader.ReadLineAsync(stop.Token) is { } line)
                    {
                        if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                        using var e = JsonDocument.Parse(line.AsMemory(6));
                        var list = e.RootElement.GetProperty("conversation").GetProperty("messages");
                        var last = list[list.GetArrayLength() - 1];
                        if (last.GetProperty("from").GetString() == "operator") atVisitor.TryAdd(last.GetProperty("text").GetString()!, Now());
                    }
                }
                catch (OperationCanceledException)
                {
                    // The run is over.
                }
            }));
        }
        if (!connected.Wait(timeout)) throw new TimeoutException("Not every visitor's event stream opened.");
        var memoryBefore = server.ResidentMiB();
        var cpuBefore = (server.CpuTime().TotalSeconds, postgres.Seconds());

        Console.WriteLine($"{visitorCount} visitors send {messages} messages each, {pause.TotalMilliseconds:0} ms apart...");
        var sending = Stopwatch.StartNew();
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, visitorCount).Select(i => Task.Run(async () =>
        {
            // Spread the first messages over one pause, as visitors do not arrive all in the same millisecond.
            await Task.Delay(TimeSpan.FromMilliseconds(pause.TotalMilliseconds * i / visitorCount));
            for (var m = 0; m < messages; m++)
            {
                var text = $"v{i}-{m}";
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/public/chat/messages") { Content = JsonContent.Create(new { text }) };
                request.Headers.Add("X-Chat-Session", tokens[i]);
                var start = sent[text] = Now();
                using var response = await visitorsHttp.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref failures);
                else sendLatency.Add(Now() - start);
                await Task.Delay(pause);
            }
        })));
        var sendSeconds = sending.Elapsed.TotalSeconds;
        var expected = visitorCount * messages;

        Console.WriteLine("Waiting for every message to reach the operator and every reply its visitor...");
        var waiting = Stopwatch.StartNew();
        while ((atOperator.Count < expected || atVisitor.Count < expected) && waiting.Elapsed < timeout) await Task.Delay(100);
        var cpuAfter = (server.CpuTime().TotalSeconds, postgres.Seconds());
        var elapsed = sending.Elapsed.TotalSeconds;
        stop.Cancel();
        await Task.WhenAll(streams.Select(t => t.ContinueWith(_ => { })));

        var toOperator = sent.Where(s => atOperator.ContainsKey(s.Key)).Select(s => atOperator[s.Key] - s.Value).ToList();
        var toVisitor = replySent.Where(r => atVisitor.ContainsKey(r.Key)).Select(r => atVisitor[r.Key] - r.Value).ToList();
        var results = new Dictionary<string, object?>
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O"),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["command"] = "dotnet run -c Release --project bench/Crm.Bench -- chat " + string.Join(' ', args),
            ["visitors"] = visitorCount,
            ["messagesPerVisitor"] = messages,
            ["pauseMs"] = pause.TotalMilliseconds,
            ["visitorMessagesSent"] = expected - failures,
            ["sendFailures"] = failures,
            ["sendSeconds"] = Math.Round(sendSeconds, 1),
            ["visitorMessagesPerSecond"] = Math.Round((expected - failures) / sendSeconds, 1),
            // Every visitor message has an operator reply: both directions together.
            ["allMessagesPerSecond"] = Math.Round((expected - failures + replySent.Count - replyFailures) / elapsed, 1),
            ["sendCallMs"] = LatencyStats.Percentiles(sendLatency),
            ["visitorToOperatorMs"] = LatencyStats.Percentiles(toOperator),
            ["operatorToVisitorMs"] = LatencyStats.Percentiles(toVisitor),
            ["reachedOperator"] = atOperator.Count,
            ["repliesSent"] = replySent.Count,
            ["replyFailures"] = replyFailures,
            ["repliesReachedVisitors"] = atVisitor.Count,
            ["serverCpuSeconds"] = Math.Round(cpuAfter.Item1 - cpuBefore.Item1, 1),
            ["postgresCpuSeconds"] = Math.Round(cpuAfter.Item2 - cpuBefore.Item2, 1),
            ["serverMemoryMiB"] = new { before = memoryBefore, after = server.ResidentMiB() },
        };
        Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        var folder = Path.Combine(Repository.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"chat-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Results written to {file} ({total.Elapsed.TotalMinutes:0.0} min in all)");
    }
}
