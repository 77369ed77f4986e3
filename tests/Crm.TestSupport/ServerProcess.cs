using System.Collections.Concurrent;
using System.Diagnostics;

namespace Crm.TestSupport;

/// <summary>
/// The product as a user runs it: the built Crm.Web (co-hosting its silo) in its own process, on
/// loopback, seeding the demo portal with <see cref="Password"/>. Its standard output is kept.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string Password = "bench-password-1";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ServerProcess(Process process, Uri baseAddress, ConcurrentQueue<string> output)
    {
        _process = process;
        BaseAddress = baseAddress;
        _output = output;
    }

    public Uri BaseAddress { get; }

    /// <summary>The lines the server has written to standard output so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <param name="connectionString">The database.</param>
    /// <param name="configuration">Which build of Crm.Web to run (Release for benchmarks).</param>
    /// <param name="settings">Extra configuration, as environment variables (<c>Crm__LogFormat</c>).</param>
    /// <param name="echo">Which output lines to copy to this process's error stream.</param>
    public static async Task<ServerProcess> Start(string connectionString, string configuration = "Release",
        IReadOnlyDictionary<string, string>? settings = null, Func<string, bool>? echo = null)
    {
        var dll = Path.Combine(Repository.Root, "src", "Crm.Web", "bin", configuration, "net10.0", "Crm.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build first: dotnet build -c {configuration} ({dll} missing).");
        var port = PostgresServer.FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { dll, "--urls", $"http://127.0.0.1:{port}" }) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__Crm"] = connectionString;
        start.Environment["Crm__Demo__Password"] = Password;
        start.Environment["Crm__Cluster__SiloPort"] = PostgresServer.FreePort().ToString();
        start.Environment["Crm__Cluster__GatewayPort"] = PostgresServer.FreePort().ToString();
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start)!;
        var errors = new ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            errors.Enqueue(e.Data);
            Console.Error.WriteLine($"[server] {e.Data}");
        };
        process.BeginErrorReadLine();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (e.Data.Contains("Application started")) ready.TrySetResult();
            else if (echo?.Invoke(e.Data) == true) Console.Error.WriteLine($"[server] {e.Data}");
        };
        process.BeginOutputReadLine();
        process.EnableRaisingEvents = true;
        // The test runner hides the server's console: a failed start says what the server said last.
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"The server exited with code {process.ExitCode} before it was ready. Its last output:\n{string.Join("\n", output.TakeLast(15).Concat(errors.TakeLast(25)))}"));
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"), output);
    }

    /// <summary>The server's resident memory now.</summary>
    public double ResidentMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:"));
        return Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0, 1);
    }

    /// <summary>CPU time the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
