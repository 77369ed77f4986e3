using Npgsql;

namespace Crm.Bench;

/// <summary>
/// CPU used by the benchmark's own PostgreSQL server (its postmaster and every child process), so
/// that figures stay readable on a machine shared with other work. Backends that exit between two
/// readings take their CPU time with them; the connection pool keeps them alive during a run.
/// </summary>
public sealed class PostgresCpu
{
    private readonly int _postmaster;

    private PostgresCpu(int postmaster) => _postmaster = postmaster;

    public static async Task<PostgresCpu> Of(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        var parent = File.ReadLines($"/proc/{backend}/status").First(l => l.StartsWith("PPid:"));
        return new PostgresCpu(int.Parse(parent["PPid:".Length..].Trim()));
    }

    /// <summary>
    /// CPU seconds (in ticks of 1/100 s) used so far by each of the server's processes alive now, by
    /// pid: a caller that compares two readings process by process is not thrown back when a backend
    /// exits between them (its time is lost only for its last interval).
    /// </summary>
    public Dictionary<int, long> TicksByProcess()
    {
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid == _postmaster || int.Parse(fields[1]) == _postmaster)
                    ticks[pid] = long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            catch (IOException)
            {
            }
        }
        return ticks;
    }

    /// <summary>CPU seconds used so far by the server's processes that are alive now.</summary>
    public double Seconds()
    {
        var ticks = 0L;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // fields[1] is the parent pid; [11] and [12] user and system time in ticks.
                if (pid == _postmaster || int.Parse(fields[1]) == _postmaster)
                    ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }
        return ticks / 100.0; // USER_HZ
    }
}
