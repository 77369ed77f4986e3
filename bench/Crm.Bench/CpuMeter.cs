using System.Diagnostics;

namespace Crm.Bench;

/// <summary>
/// Splits the machine's CPU over an interval into the server process, this benchmark client and the
/// rest (PostgreSQL, mostly), in cores used: where the time goes on a machine all three share.
/// </summary>
public sealed class CpuMeter(ServerProcess server)
{
    private readonly TimeSpan _server = server.CpuTime();
    private readonly TimeSpan _client = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly double _machine = MachineBusySeconds();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public object Read()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var serverCores = (server.CpuTime() - _server).TotalSeconds / seconds;
        var clientCores = (Process.GetCurrentProcess().TotalProcessorTime - _client).TotalSeconds / seconds;
        var machineCores = (MachineBusySeconds() - _machine) / seconds;
        return new
        {
            machineCores = Math.Round(machineCores, 2),
            serverCores = Math.Round(serverCores, 2),
            benchClientCores = Math.Round(clientCores, 2),
            otherCores = Math.Round(Math.Max(0, machineCores - serverCores - clientCores), 2),
            coresAvailable = Environment.ProcessorCount,
        };
    }

    /// <summary>Busy CPU seconds of the whole machine since boot (/proc/stat: all but idle and iowait).</summary>
    private static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var busy = fields.Sum() - fields[3] - fields[4];
        return busy / 100.0; // USER_HZ
    }
}
