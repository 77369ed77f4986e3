using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Crm.Silo.Migrations;
using Npgsql;

namespace Crm.TestSupport;

/// <summary>
/// A private PostgreSQL server for this test process, started on first use in a temporary folder on a
/// free loopback port and stopped at exit. Each fixture gets a database of its own with the CRM schema
/// applied by the product's migration runner. Set CRM_TEST_PG to use an existing server instead.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(() => Start(durable: false), LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    public static PostgresServer Instance => Shared.Value;

    /// <summary>Creates a fresh database with every migration applied; returns its connection string.</summary>
    public async Task<string> CreateDatabase(string purpose)
    {
        var name = $"crm_{Sanitize(purpose)}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        await MigrationRunner.Apply(connectionString);
        return connectionString;
    }

    /// <summary>
    /// Starts a private server. Tests use <c>durable: false</c> (no fsync: speed, data is thrown away);
    /// benchmarks use <c>durable: true</c>, PostgreSQL's defaults, to measure what production pays.
    /// </summary>
    public static PostgresServer Start(bool durable)
    {
        if (Environment.GetEnvironmentVariable("CRM_TEST_PG") is { Length: > 0 } existing)
            return new PostgresServer(existing);

        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => Version.TryParse(Path.GetFileName(d), out var v) ? v : new Version())
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install -y postgresql); scripts/test.sh installs it.");
        var root = Path.Combine(Path.GetTempPath(), $"crm-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", "postgres", root);
        var port = FreePort();
        var data = Path.Combine(root, "data");
        RunPg(asRoot, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        RunPg(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-o",
            $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=400" + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"), "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunPg(asRoot, Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "stop");
                Directory.Delete(root, recursive: true);
            }
            catch
            {
                // The process is ending; a leftover temp folder is harmless.
            }
        };
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=60");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunPg(bool asRoot, string program, params string[] args)
    {
        if (asRoot) Run("runuser", ["-u", "postgres", "--", program, .. args]);
        else Run(program, args);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{error.Result}");
    }

    private static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(20).ToArray());
}
