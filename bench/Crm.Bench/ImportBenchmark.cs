using static Crm.Bench.BenchArgs;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Web.Import;

namespace Crm.Bench;

/// <summary>
/// Import benchmark: a generated lead file (phones, e-mails, a share of rows duplicating an earlier
/// row by phone or e-mail) imported through the real path: upload, check with duplicate lookups,
/// writes through the lead grains, polled to the end as a user would.
/// </summary>
public static class ImportBenchmark
{
    private static readonly string[] First = ["Ann", "Bruno", "Cleo", "Dan", "Eva", "Felix", "Gina", "Hugo", "Ida", "Jonas", "Kira", "Leo", "Mia", "Nils", "Olga", "Paul"];
    private static readonly string[] Last = ["Lee", "Diaz", "Park", "Ivy", "Novak", "Moss", "Hart", "Stone", "Fox", "Ray", "Kowalski", "Berg", "Rossi", "Silva"];
    private static readonly string[] Sources = ["Website", "Call", "E-mail", "Partner", "Advertising", ""];

    public static async Task Run(string[] args)
    {
        var leads = int.Parse(Arg(args, "--leads", "100000"), CultureInfo.InvariantCulture);
        var duplicateShare = double.Parse(Arg(args, "--duplicates", "0.05"), CultureInfo.InvariantCulture);
        var mode = Arg(args, "--mode", "skip");
        var concurrency = Arg(args, "--concurrency", new ImportOptions().Concurrency.ToString(CultureInfo.InvariantCulture));

        var csv = Generate(leads, duplicateShare);
        Console.WriteLine($"Generated {leads:N0} leads ({csv.Length / (1024.0 * 1024):0.0} MB). Starting a durable private PostgreSQL and the server...");
        var db = await PostgresServer.Start(durable: true).CreateDatabase("bench");
        var settings = new Dictionary<string, string>
        {
            ["Crm__Import__Concurrency"] = concurrency,
            // For profiling with perf: CRM_BENCH_PERFMAP=1 makes the server write its JIT symbol map.
            ["DOTNET_PerfMapEnabled"] = Environment.GetEnvironmentVariable("CRM_BENCH_PERFMAP") ?? "0",
            ["DOTNET_EnableWriteXorExecute"] = Environment.GetEnvironmentVariable("CRM_BENCH_PERFMAP") is "1" ? "0" : "1",
        };
        // Experiments with the server's runtime settings: CRM_BENCH_SERVER_ENV="DOTNET_gcServer=0;..."
        foreach (var pair in (Environment.GetEnvironmentVariable("CRM_BENCH_SERVER_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            settings[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        await using var server = await BenchServer.Start(db, settings);
        var client = await BenchClient.SignIn(server.BaseAddress);
        var memoryAtStart = server.ResidentMiB();
        var postgres = await PostgresCpu.Of(db);

        // A server in service has compiled its hot paths (tiered JIT; a profile of a cold run showed
        // the JIT compiler using a sixth of the server's CPU), and its portal has records already:
        // a warm-up import of other leads, not counted, as the board benchmark warms up with moves.
        var warmupRows = int.Parse(Arg(args, "--warmup", "10000"), CultureInfo.InvariantCulture);
        if (warmupRows > 0)
        {
            Console.WriteLine($"Warm-up: importing {warmupRows:N0} other leads, not counted...");
            var warmup = await Import(client, Generate(warmupRows, duplicateShare, phonePrefix: "+1 556", emailDomain: "warmup.example", nameTag: "w"), mode);
            Console.WriteLine($"  {warmup.Message}");
        }

        Console.WriteLine($"Importing {leads:N0} leads with duplicates={mode}...");
        var cpu = new CpuMeter(server);
        var (serverCpuAtStart, postgresCpuAtStart) = (server.CpuTime().TotalSeconds, postgres.Seconds());
        var clock = Stopwatch.StartNew();
        double? accepted = null, checkedAt = null;
        var peakMiB = 0.0;
        var progress = await Import(client, csv, mode, p =>
        {
            accepted ??= clock.Elapsed.TotalSeconds;
            peakMiB = Math.Max(peakMiB, server.ResidentMiB());
            if (checkedAt is null && p.State != ImportState.Checking) checkedAt = clock.Elapsed.TotalSeconds;
            if (clock.Elapsed.TotalSeconds % 5 < 0.2) Console.WriteLine($"  {clock.Elapsed.TotalSeconds:0}s: {p.Message}");
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var (serverCpu, postgresCpu) = (server.CpuTime().TotalSeconds - serverCpuAtStart, postgres.Seconds() - postgresCpuAtStart);
        var failures = (await client.Http.GetFromJsonAsync<ImportJobReport>($"/api/import/jobs/{progress.Id}?outcome=error&pageSize=5", BenchClient.Json))!;

        var results = new Dictionary<string, object?>
        {
            ["date"] = DateTimeOffset.UtcNow.ToString("O"),
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["rows"] = leads,
            ["fileMiB"] = Math.Round(csv.Length / (1024.0 * 1024), 1),
            ["duplicateShare"] = duplicateShare,
            ["duplicates"] = mode,
            ["concurrency"] = int.Parse(concurrency, CultureInfo.InvariantCulture),
            ["serverEnvironment"] = Environment.GetEnvironmentVariable("CRM_BENCH_SERVER_ENV"),
            ["state"] = progress.State.ToString(),
            ["created"] = progress.Created,
            ["skipped"] = progress.Skipped,
            ["merged"] = progress.Merged,
            ["failed"] = progress.Failed,
            ["firstFailures"] = failures.Rows.Select(r => $"row {r.Row}: {r.Code} {r.Message}").ToList(),
            ["warmupRows"] = warmupRows,
            ["secondsToAccepted"] = accepted is { } a ? Math.Round(a, 2) : null,
            ["secondsChecking"] = checkedAt is { } c && accepted is { } at ? Math.Round(c - at, 1) : null,
            ["secondsTotal"] = Math.Round(seconds, 1),
            ["rowsPerSecond"] = Math.Round(leads / seconds, 0),
            ["cpu"] = cpu.Read(),
            // What the import cost, whatever else ran on the machine: CPU milliseconds per row.
            ["cpuMsPerRow"] = new { server = Math.Round(1000 * serverCpu / leads, 3), postgres = Math.Round(1000 * postgresCpu / leads, 3) },
            ["serverMemoryMiB"] = new { atStart = memoryAtStart, peak = peakMiB, atEnd = server.ResidentMiB() },
        };
        Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        var folder = Path.Combine(Repository.Root, "bench", "results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"import-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Results written to {file}");
    }

    /// <summary>Uploads a lead file and polls its job (every 200 ms, as a page would) until it ends.</summary>
    private static async Task<ImportProgress> Import(BenchClient client, byte[] csv, string mode, Action<ImportProgress>? polled = null)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(csv) { Headers = { ContentType = new("text/csv") } }, "file", "leads.csv");
        form.Add(new StringContent(mode), "duplicates");
        var response = await client.Http.PostAsync("/api/import/leads", form);
        response.EnsureSuccessStatusCode();
        var progress = (await response.Content.ReadFromJsonAsync<ImportProgress>(BenchClient.Json))!;
        polled?.Invoke(progress);
        while (!progress.Ended)
        {
            await Task.Delay(200);
            progress = (await client.Http.GetFromJsonAsync<ImportJobReport>($"/api/import/jobs/{progress.Id}?pageSize=1", BenchClient.Json))!.Progress;
            polled?.Invoke(progress);
        }
        return progress;
    }

    /// <summary>
    /// A lead file as a CRM export looks: names, a company, a phone on most rows, an e-mail on most rows,
    /// a source; one row in 1/<paramref name="duplicateShare"/> repeats the phone or e-mail of an earlier row.
    /// </summary>
    public static byte[] Generate(int rows, double duplicateShare, string phonePrefix = "+1 555", string emailDomain = "example.com", string nameTag = "")
    {
        var random = new Random(42);
        var text = new StringBuilder("First name,Last name,Company name,Work phone,Work e-mail,Source,Comments\r\n");
        var phones = new List<string>();
        var emails = new List<string>();
        for (var i = 0; i < rows; i++)
        {
            var (first, last) = (First[random.Next(First.Length)], $"{Last[random.Next(Last.Length)]}-{nameTag}{i}");
            var phone = random.NextDouble() < 0.8 ? $"{phonePrefix} {i / 10_000:D3} {i % 10_000:D4}" : "";
            var email = random.NextDouble() < 0.7 ? $"{first}.{last}@{emailDomain}".ToLowerInvariant() : "";
            if (random.NextDouble() < duplicateShare && phones.Count > 0 && emails.Count > 0)
            {
                // The same person again, under a slightly different name: matched by phone or e-mail.
                if (random.Next(2) == 0) phone = phones[random.Next(phones.Count)];
                else email = emails[random.Next(emails.Count)];
            }
            if (phone.Length > 0) phones.Add(phone);
            if (email.Length > 0) emails.Add(email);
            var comments = i % 10 == 0 ? "\"Asked for a quote,\r\ncall back next week\"" : "";
            text.Append($"{first},{last},Company {i % 5_000},{phone},{email},{Sources[i % Sources.Length]},{comments}\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
