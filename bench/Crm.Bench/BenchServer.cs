using Crm.TestSupport;

namespace Crm.Bench;

/// <summary>The server every benchmark measures: the Release build as its own process, quiet but for problems.</summary>
public static class BenchServer
{
    /// <param name="settings">Settings beside the quiet logging (environment variable names, e.g. Crm__Chat__MessagesPerMinute).</param>
    /// <param name="echo">Which server log lines to print; failures and warnings unless given.</param>
    public static Task<ServerProcess> Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null, Func<string, bool>? echo = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        return ServerProcess.Start(connectionString, "Release", all,
            echo ?? (line => line.Contains("fail:") || line.Contains("crit:") || line.Contains("warn:")));
    }
}
