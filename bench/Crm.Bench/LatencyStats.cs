namespace Crm.Bench;

/// <summary>How the benchmarks report a set of latencies, in milliseconds.</summary>
public static class LatencyStats
{
    public static object Percentiles(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        return sorted.Length == 0
            ? new { p50 = 0.0, p95 = 0.0, p99 = 0.0, max = 0.0 }
            : new { p50 = At(sorted, 0.50), p95 = At(sorted, 0.95), p99 = At(sorted, 0.99), max = Math.Round(sorted[^1], 1) };
    }

    /// <summary>The sample below which the given share of samples lie (nearest rank), rounded to 0.1 ms.</summary>
    public static double At(double[] sorted, double share) => Math.Round(sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * share))], 1);
}
