using static Crm.Bench.BenchArgs;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Crm.Bench;

/// <summary>
/// Activity stream benchmark (issue 6): "1,000 connected feed viewers, 100 voters voting at once on
/// one poll: votes/s accepted, p99 time until every viewer sees the final tally". Same server set-up
/// as the board benchmark (durable private PostgreSQL, Release Crm.Web as its own process on loopback).
/// The demo admin adds the voters (distinct users of the demo portal: a user has one vote); the
/// viewers are hub connections spread over the admin and the voters, each following the stream with
/// <c>SubscribeStream</c> (one watcher per connection on the server). Each round: the admin posts a
/// poll to everyone; once every viewer has its "created" event, every voter votes at the same moment
/// (one HTTP call each); then the time from that moment until each viewer has an event whose poll
/// counts all the votes.
///   dotnet run -c Release --project bench/Crm.Bench -- poll [--viewers 1000 --voters 100 --rounds 5
///      --warmup 2 --timeout 60 --watcher lean|hubconnection]
/// </summary>
public static class StreamPollBenchmark
{
    private const string VoterPassword = "bench-voter-password";
    private static readonly string[] Options = ["A", "B", "C"];

    public static async Task Run(string[] args)
    {
        // An unhandled exception would end the process without its exit handlers, leaving the private PostgreSQL running.
        try
        {
            await Measure(args);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"FAILED: {e}");
            Environment.ExitCode = 1;
        }
    }

    private static async Task Measure(string[] args)
    {
        var viewers = int.Parse(Arg(args, "--viewers", "1000"), CultureInfo.InvariantCulture);
        var voterCount = int.Parse(Arg(args, "--voters", "100"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(Arg(args, "--rounds", "5"), CultureInfo.InvariantCulture);
        // A server in service has compiled its hot paths (tiered JIT): in runs with one warm-up round the
        // first measured round still used three times the server CPU of the later ones.
        var warmupRounds = int.Parse(Arg(args, "--warmup", "2"), CultureInfo.InvariantCulture);
        var timeout = TimeSpan.FromSeconds(double.Parse(Arg(args, "--timeout", "60"), CultureInfo.InvariantCulture));
        var lean = Arg(args, "--watcher", "lean") == "lean";
        var total = Stopwatch.StartNew();

        Console.WriteLine("Starting a durable private PostgreSQL and the server...");
        var db = await PostgresServer.Start(durable: true).CreateDatabase("stream");
        await using var server = await BenchServer.Start(db);
        var admin = await Person.SignIn(server.BaseAddress, "admin@demo.local", ServerProcess.Password);
        var postgres = await PostgresCpu.Of(db);

        Console.WriteLine($"Adding {voterCount} voters to the demo portal and signing each in...");
        var stamp = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var emails = Enumerable.Range(0, voterCount).Select(i => $"voter-{i}-{stamp}@bench.local").ToArray();
        await Parallel.ForEachAsync(emails, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (email, _) =>
        {
            var response = await admin.Http.PostAsJsonAsync("/api/users", new { email, displayName = email[..email.IndexOf('@')], password = VoterPassword });
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"POST /api/users {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        });
        var voters = new Person[voterCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, voterCount), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            voters[i] = await Person.SignIn(server.BaseAddress, emails[i], VoterPassword));
        // The viewers are connections of the admin and the voters in turn: each is a watcher of its own on the server.
        var people = new[] { admin }.Concat(voters).ToArray();

        var results = new Dictionary<string, object?>
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O"),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["command"] = "dotnet run -c Release --project bench/Crm.Bench -- poll " + string.Join(' ', args),
            ["viewers"] = viewers,
            ["voters"] = voterCount,
            ["rounds"] = rounds,
            ["warmupRounds"] = warmupRounds,
            ["timeoutSeconds"] = timeout.TotalSeconds,
            ["watcherClient"] = lean ? "lean (JSON hub protocol over a WebSocket)" : "Microsoft.AspNetCore.SignalR.Client HubConnection",
            ["serverMemoryAtStartMiB"] = server.ResidentMiB(),
        };

        var state = new Watching(viewers);
        Console.WriteLine($"Connecting {viewers} viewers (SubscribeStream), 50 at a time...");
        var connectClock = Stopwatch.StartNew();
        var connections = new List<IAsyncDisposable>();
        var hubUrl = new Uri(server.BaseAddress, Crm.Web.Live.BoardHub.Path);
        try
        {
            foreach (var batch in Enumerable.Range(0, viewers).Chunk(50))
                connections.AddRange(await Task.WhenAll(batch.Select(v => lean
                    ? LeanViewer(hubUrl, people[v % people.Length].Cookies, v, state, timeout)
                    : HubViewer(hubUrl, people[v % people.Length].Cookies, v, state, timeout))));
        }
        catch (Exception e)
        {
            Console.WriteLine($"  FAILED after {connections.Count} viewers: {e.GetType().Name}: {e.Message}");
            results["connectFailure"] = new { connected = connections.Count, error = $"{e.GetType().Name}: {e.Message}" };
            results["serverLog"] = ServerLog(server);
            await Save(results);
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask())).WaitAsync(timeout);
            throw;
        }
        results["connectSeconds"] = Math.Round(connectClock.Elapsed.TotalSeconds, 1);
        results["serverMemoryWatchingMiB"] = server.ResidentMiB();
        Console.WriteLine($"  {viewers} viewers in {connectClock.Elapsed.TotalSeconds:0.0} s; server {server.ResidentMiB():N0} MiB");

        var measured = new List<RoundResult>();
        for (var r = -warmupRounds; r < rounds; r++)
        {
            var warm = r < 0;
            Console.WriteLine(warm ? $"Warm-up round {r + warmupRounds + 1} of {warmupRounds}, not counted..." : $"Round {r + 1} of {rounds}...");
            var result = await Round(admin, voters, state, server, postgres, timeout, warm ? $"Warm-up poll {r + warmupRounds + 1}" : $"Poll {r + 1}");
            Console.WriteLine("  " + JsonSerializer.Serialize(result.Summary()));
            if (!warm) measured.Add(result);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var lost = state.Closed;
        var reasons = state.CloseReasons.Distinct().Take(3).ToList();
        results["serverMemoryAtEndMiB"] = server.ResidentMiB();
        results["rounds"] = measured.Select(m => m.Report()).ToList();
        var aggregate = new
        {
            votesPerSecond = new
            {
                median = Median(measured.Select(m => m.VotesPerSecond)),
                min = measured.Count == 0 ? 0 : measured.Min(m => m.VotesPerSecond),
                max = measured.Count == 0 ? 0 : measured.Max(m => m.VotesPerSecond),
            },
            voteCallMs = LatencyStats.Percentiles(measured.SelectMany(m => m.CallMs)),
            finalTallyMs = LatencyStats.Percentiles(measured.SelectMany(m => m.TallyMs)),
            finalTallyP99MsPerRound = measured.Select(m => At(m.TallyMs, 0.99)).ToList(),
            createdToAllViewersMs = LatencyStats.Percentiles(measured.SelectMany(m => m.CreatedMs)),
            viewersWithoutFinalTally = measured.Sum(m => m.ViewersMissing),
            viewersWithWrongCounts = measured.Sum(m => m.ViewersWrongCounts),
            failedVotes = measured.Sum(m => m.Failures),
            connectionsLost = lost,
            lossReasons = reasons,
        };
        results["aggregate"] = aggregate;
        results["serverLog"] = ServerLog(server);
        results["totalSeconds"] = Math.Round(total.Elapsed.TotalSeconds, 0);
        Console.WriteLine(JsonSerializer.Serialize(aggregate));

        Console.WriteLine("Closing the viewers...");
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask())).WaitAsync(timeout);

        var file = await Save(results);
        Console.WriteLine();
        Console.WriteLine("| round | votes/s accepted | vote call p50 / p99 ms | final tally at every viewer p50 / p99 / max ms | viewers without it | wrong counts |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (m, i) in measured.Select((m, i) => (m, i)))
        {
            Console.WriteLine($"| {i + 1} | {m.VotesPerSecond:N0} | {At(m.CallMs, 0.5)} / {At(m.CallMs, 0.99)} " +
                $"| {At(m.TallyMs, 0.5)} / {At(m.TallyMs, 0.99)} / {At(m.TallyMs, 1)} | {m.ViewersMissing} | {m.ViewersWrongCounts} |");
        }
        Console.WriteLine($"Results written to {file}");
    }

    private static async Task<string> Save(Dictionary<string, object?> results)
    {
        var folder = Path.Combine(Repository.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"stream-poll-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        return file;
    }

    /// <summary>One poll: posted, seen by every viewer, voted on by every voter at once, the final tally seen by every viewer.</summary>
    private static async Task<RoundResult> Round(Person admin, Person[] voters, Watching state, ServerProcess server, PostgresCpu postgres, TimeSpan timeout, string question)
    {
        var round = new RoundState(state.Viewers);
        var loadBefore = LoadAverage();
        state.Current = round;
        try
        {
            // The post: its "created" event to every viewer, timed from just before the call.
            var postStarted = Stopwatch.GetTimestamp();
            var response = await admin.Http.PostAsJsonAsync("/api/stream", new
            {
                text = $"{question}: where do we have lunch?",
                audience = new { everyone = true },
                poll = new { question, options = Options, multipleChoice = false, anonymous = false },
            });
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"POST /api/stream: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var postId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            round.PostId = postId;
            var postCallMs = Stopwatch.GetElapsedTime(postStarted).TotalMilliseconds;
            var allCreated = await Until(() => Volatile.Read(ref round.CreatedCount) >= state.Viewers, timeout);
            var createdMs = round.CreatedAt.Where(t => t != 0).Select(t => Stopwatch.GetElapsedTime(postStarted, t).TotalMilliseconds).ToArray();
            var wrongPost = round.CreatedPost.Count(p => p != 0 && p != postId);
            if (!allCreated) Console.WriteLine($"  TIMED OUT: {round.CreatedCount} of {state.Viewers} viewers had the post after {timeout.TotalSeconds:0} s");

            // Every voter at once: the calls wait on one gate, opened after they are all ready.
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var callMs = new double[voters.Length];
            var returnedAt = new long[voters.Length];
            var tallies = new int?[voters.Length];
            var failures = new ConcurrentBag<string>();
            var calls = voters.Select(async (voter, i) =>
            {
                await gate.Task;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var answer = await voter.Http.PostAsJsonAsync($"/api/stream/{postId}/votes", new { options = new[] { i % Options.Length } });
                    var body = await answer.Content.ReadAsStringAsync();
                    returnedAt[i] = Stopwatch.GetTimestamp();
                    if (!answer.IsSuccessStatusCode)
                        failures.Add($"{(int)answer.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                    else
                    {
                        using var view = JsonDocument.Parse(body);
                        tallies[i] = view.RootElement.GetProperty("poll").GetProperty("voters").GetInt32();
                    }
                }
                catch (Exception e)
                {
                    returnedAt[i] = Stopwatch.GetTimestamp();
                    failures.Add($"{e.GetType().Name}: {e.Message}");
                }
                callMs[i] = Stopwatch.GetElapsedTime(started, returnedAt[i]).TotalMilliseconds;
            }).ToArray();
            var cpu = new CpuMeter(server);
            var (serverCpuAtStart, postgresCpuAtStart) = (server.CpuTime().TotalSeconds, postgres.Seconds());
            var bytesAtStart = state.Bytes();
            var voteStart = Stopwatch.GetTimestamp();
            Volatile.Write(ref round.VoteStart, voteStart);
            gate.SetResult();
            var allReturned = await Task.WhenAll(calls).WaitAsync(timeout).ContinueWith(t => t.IsCompletedSuccessfully);
            var votingSeconds = Stopwatch.GetElapsedTime(voteStart, returnedAt.Max()).TotalSeconds;
            var accepted = voters.Length - failures.Count;

            // The tally as stored: what every viewer must end up seeing.
            var stored = (await admin.Http.GetFromJsonAsync<JsonElement>($"/api/stream/{postId}")).GetProperty("poll");
            var finalVoters = stored.GetProperty("voters").GetInt32();
            var finalCounts = stored.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray();
            var expectedCounts = Options.Select((_, o) => Enumerable.Range(0, voters.Length).Count(i => i % Options.Length == o)).ToArray();
            var allSeen = await Until(() => round.MaxVoters.Count(m => m >= finalVoters) >= state.Viewers, timeout);
            var cpuUse = cpu.Read();
            var (serverCpu, postgresCpu) = (server.CpuTime().TotalSeconds - serverCpuAtStart, postgres.Seconds() - postgresCpuAtStart);
            var bytes = state.Bytes() - bytesAtStart;
            var memory = server.ResidentMiB();
            state.Current = null;

            var tallyMs = Enumerable.Range(0, state.Viewers).Where(v => round.MaxVoters[v] >= finalVoters)
                .Select(v => Stopwatch.GetElapsedTime(voteStart, round.MaxAt[v]).TotalMilliseconds).ToArray();
            var wrongCounts = Enumerable.Range(0, state.Viewers)
                .Count(v => round.MaxVoters[v] >= finalVoters && !(round.MaxCounts[v] ?? []).SequenceEqual(finalCounts));
            if (!allSeen) Console.WriteLine($"  TIMED OUT: {tallyMs.Length} of {state.Viewers} viewers had the final tally after {timeout.TotalSeconds:0} s");
            var distinctTallies = tallies.OfType<int>().Distinct().Count();
            return new RoundResult
            {
                PostId = postId,
                PostCallMs = Math.Round(postCallMs, 1),
                CreatedMs = createdMs,
                ViewersWithoutPost = state.Viewers - createdMs.Length,
                CreatedOfAnotherPost = wrongPost,
                Accepted = accepted,
                Failures = failures.Count,
                FirstFailures = failures.Take(5).ToList(),
                AllCallsReturned = allReturned,
                VotingSeconds = votingSeconds,
                CallMs = callMs,
                VoteAnswersDistinctTallies = distinctTallies,
                StoredVoters = finalVoters,
                StoredCounts = finalCounts,
                ExpectedCounts = expectedCounts,
                TallyMs = tallyMs,
                ViewersMissing = state.Viewers - tallyMs.Length,
                ViewersWrongCounts = wrongCounts,
                PostEvents = Interlocked.Read(ref round.PostEvents),
                EventsOutOfOrder = Interlocked.Read(ref round.OutOfOrder),
                OtherEvents = Interlocked.Read(ref round.OtherEvents),
                Cpu = cpuUse,
                ServerCpuSeconds = Math.Round(serverCpu, 2),
                BytesToViewers = bytes,
                PostgresCpuSeconds = Math.Round(postgresCpu, 2),
                LastVoteReturnedMs = Stopwatch.GetElapsedTime(voteStart, returnedAt.Max()).TotalMilliseconds,
                ServerMemoryMiB = memory,
                LoadAverage = new[] { loadBefore, LoadAverage() },
            };
        }
        finally
        {
            state.Current = null;
        }
    }

    private static async Task<bool> Until(Func<bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout) return false;
            await Task.Delay(5);
        }
        return true;
    }

    private static async Task<IAsyncDisposable> LeanViewer(Uri hubUrl, CookieContainer cookies, int viewer, Watching state, TimeSpan timeout)
    {
        var watcher = new LeanStreamWatcher { OnPostChanged = seen => state.Seen(viewer, seen), OnClosed = state.Lost };
        await watcher.Start(hubUrl, cookies, timeout);
        lock (state.Lean) state.Lean.Add(watcher);
        return watcher;
    }

    private static async Task<IAsyncDisposable> HubViewer(Uri hubUrl, CookieContainer cookies, int viewer, Watching state, TimeSpan timeout)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(hubUrl, o =>
            {
                o.Cookies = cookies;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        hub.On<JsonElement>("postChanged", e =>
        {
            var post = e.GetProperty("post");
            var poll = post.TryGetProperty("poll", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
            state.Seen(viewer, new PostSeen(post.GetProperty("id").GetInt64(), e.GetProperty("what").GetString() ?? "",
                poll?.GetProperty("voters").GetInt32(), poll?.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray()));
        });
        hub.Closed += e =>
        {
            state.Lost($"{e?.GetType().Name}: {e?.Message}");
            return Task.CompletedTask;
        };
        using var cancel = new CancellationTokenSource(timeout);
        await hub.StartAsync(cancel.Token);
        await hub.InvokeAsync("SubscribeStream", cancel.Token);
        return hub;
    }

    /// <summary>The viewers' shared state: what each has seen of the current round's post.</summary>
    private sealed class Watching(int viewers)
    {
        public int Viewers => viewers;
        public volatile RoundState? Current;
        public int Closed;
        public readonly ConcurrentBag<string> CloseReasons = [];
        public readonly List<LeanStreamWatcher> Lean = [];

        /// <summary>Bytes the lean viewers have received so far (null with HubConnection viewers).</summary>
        public long? Bytes()
        {
            lock (Lean) return Lean.Count == 0 ? null : Lean.Sum(w => w.BytesReceived);
        }

        public void Lost(string reason)
        {
            Interlocked.Increment(ref Closed);
            CloseReasons.Add(reason);
        }

        /// <summary>On a viewer's receive loop: one viewer's events come one after the other.</summary>
        public void Seen(int viewer, PostSeen seen)
        {
            var now = Stopwatch.GetTimestamp();
            if (Current is not { } round) return;
            if (seen.What == "created")
            {
                var known = Volatile.Read(ref round.PostId);
                if (round.CreatedAt[viewer] == 0 && (known == 0 || known == seen.PostId))
                {
                    round.CreatedPost[viewer] = seen.PostId;
                    round.CreatedAt[viewer] = now;
                    Interlocked.Increment(ref round.CreatedCount);
                }
                return;
            }
            if (seen.PostId != Volatile.Read(ref round.PostId) || Volatile.Read(ref round.VoteStart) == 0)
            {
                Interlocked.Increment(ref round.OtherEvents);
                return;
            }
            Interlocked.Increment(ref round.PostEvents);
            var voters = seen.Voters ?? 0;
            if (voters > round.MaxVoters[viewer])
            {
                round.MaxCounts[viewer] = seen.Counts;
                round.MaxAt[viewer] = now;
                Volatile.Write(ref round.MaxVoters[viewer], voters);
            }
            else if (voters < round.MaxVoters[viewer])
            {
                Interlocked.Increment(ref round.OutOfOrder);
            }
        }
    }

    private sealed class RoundState(int viewers)
    {
        public long PostId;
        public long VoteStart;
        public int CreatedCount;
        public long PostEvents;
        public long OutOfOrder;
        public long OtherEvents;
        public readonly long[] CreatedAt = new long[viewers];
        public readonly long[] CreatedPost = new long[viewers];
        public readonly int[] MaxVoters = new int[viewers];
        public readonly long[] MaxAt = new long[viewers];
        public readonly int[]?[] MaxCounts = new int[]?[viewers];
    }

    private sealed class RoundResult
    {
        public long PostId;
        public double PostCallMs;
        public required double[] CreatedMs;
        public int ViewersWithoutPost;
        public int CreatedOfAnotherPost;
        public int Accepted;
        public int Failures;
        public required List<string> FirstFailures;
        public bool AllCallsReturned;
        public double VotingSeconds;
        public required double[] CallMs;
        public int VoteAnswersDistinctTallies;
        public int StoredVoters;
        public required int[] StoredCounts;
        public required int[] ExpectedCounts;
        public required double[] TallyMs;
        public int ViewersMissing;
        public int ViewersWrongCounts;
        public long PostEvents;
        public long EventsOutOfOrder;
        public long OtherEvents;
        public required object Cpu;
        public double ServerCpuSeconds;
        public long? BytesToViewers;
        public double PostgresCpuSeconds;
        public double LastVoteReturnedMs;
        public double ServerMemoryMiB;
        public required double[] LoadAverage;

        public double VotesPerSecond => VotingSeconds <= 0 ? 0 : Math.Round(Accepted / VotingSeconds, 1);

        public object Summary() => new
        {
            votesPerSecond = VotesPerSecond,
            votingMs = Math.Round(VotingSeconds * 1000, 1),
            voteCallMs = LatencyStats.Percentiles(CallMs),
            finalTallyMs = LatencyStats.Percentiles(TallyMs),
            viewersWithout = ViewersMissing,
            wrongCounts = ViewersWrongCounts,
            failures = Failures,
            stored = $"{StoredVoters} voters [{string.Join(',', StoredCounts)}]",
        };

        public object Report() => new
        {
            postId = PostId,
            postCallMs = PostCallMs,
            createdToViewersMs = LatencyStats.Percentiles(CreatedMs),
            viewersWithoutThePost = ViewersWithoutPost,
            createdEventsOfAnotherPost = CreatedOfAnotherPost,
            votesAccepted = Accepted,
            votesFailed = Failures,
            firstFailures = FirstFailures,
            allCallsReturnedInTime = AllCallsReturned,
            votingMs = Math.Round(VotingSeconds * 1000, 1),
            votesPerSecond = VotesPerSecond,
            voteCallMs = LatencyStats.Percentiles(CallMs),
            // Each answer is the post after that vote: 100 different voter counts mean the votes were applied one by one.
            voteAnswersDistinctVoterCounts = VoteAnswersDistinctTallies,
            storedVoters = StoredVoters,
            storedCounts = StoredCounts,
            expectedCounts = ExpectedCounts,
            finalTallyMs = LatencyStats.Percentiles(TallyMs),
            viewersWithFinalTally = TallyMs.Length,
            viewersWithoutFinalTally = ViewersMissing,
            viewersWhoseFinalCountsDiffer = ViewersWrongCounts,
            voteEventsReceived = PostEvents,
            voteEventsOlderThanOneAlreadySeen = EventsOutOfOrder,
            otherEvents = OtherEvents,
            // From the start of the votes until every viewer had the final tally.
            cpu = Cpu,
            serverCpuSeconds = ServerCpuSeconds,
            postgresCpuSeconds = PostgresCpuSeconds,
            // What the viewers received over their WebSockets meanwhile (hub frames: the vote events, pings).
            megabytesToViewers = BytesToViewers is { } b ? Math.Round(b / 1048576.0, 1) : (double?)null,
            bytesPerVoteEvent = BytesToViewers is { } e && PostEvents > 0 ? e / PostEvents : (long?)null,
            serverCpuMsPerDeliveredEvent = PostEvents == 0 ? 0 : Math.Round(ServerCpuSeconds * 1000 / PostEvents, 3),
            lastViewerAfterLastVoteReturnedMs = TallyMs.Length == 0 ? 0 : Math.Round(TallyMs.Max() - LastVoteReturnedMs, 1),
            serverMemoryMiB = ServerMemoryMiB,
            // This machine is shared: its 1-minute load average (this run included) before and after the round.
            machineLoadAverage = LoadAverage,
        };
    }

    /// <summary>A signed-in user of the demo portal: its API client and the cookie its hub connections carry.</summary>
    private sealed record Person(HttpClient Http, CookieContainer Cookies)
    {
        public static async Task<Person> SignIn(Uri baseAddress, string email, string password)
        {
            var cookies = new CookieContainer();
            var handler = new SocketsHttpHandler { CookieContainer = cookies, MaxConnectionsPerServer = 256 };
            var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Sign-in of {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return new Person(http, cookies);
        }
    }

    /// <summary>The server's warnings and errors (its console lines with "warn:", "fail:" or "crit:", one line each).</summary>
    private static object ServerLog(ServerProcess server)
    {
        var found = server.Output.Where(l => l.Contains("warn:") || l.Contains("fail:") || l.Contains("crit:"))
            .Select(l => l.Length > 400 ? l[..400] + "…" : l).ToList();
        return new
        {
            warnings = found.Count(l => l.Contains("warn:")),
            errors = found.Count(l => !l.Contains("warn:")),
            first = found.Take(10).ToList(),
        };
    }

    /// <summary>Nearest-rank percentile as <see cref="LatencyStats.At"/>, 0 for no samples (no viewers).</summary>
    private static double At(double[] samples, double share) => samples.Length == 0 ? 0 : LatencyStats.At(samples.Order().ToArray(), share);

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : Math.Round(sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2, 1);
    }
}
