using System.Diagnostics;
using Crm.TestSupport;

namespace Crm.Bench;

/// <summary>The product as a user runs it: the Release build of Crm.Web in its own process, on loopback.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string Password = "bench-password-1";
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ServerProcess> Start(string connectionString)
    {
        var dll = Path.Combine(Repository.Root, "src", "Crm.Web", "bin", "Release", "net10.0", "Crm.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build first: dotnet build -c Release ({dll} missing).");
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
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__LogLevel__Crm.Web.Live"] = Environment.GetEnvironmentVariable("CRM_BENCH_LIVE_LOG") ?? "Information";
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[server] {e.Data}"); };
        process.BeginErrorReadLine();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Application started") == true) ready.TrySetResult();
            else if (e.Data is not null && (e.Data.Contains("fail:") || e.Data.Contains("crit:") || e.Data.Contains("Crm.Web.Live") || e.Data.Contains("warn:"))) Console.Error.WriteLine($"[server] {e.Data}");
        };
        process.BeginOutputReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
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
