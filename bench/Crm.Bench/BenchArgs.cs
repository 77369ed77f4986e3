namespace Crm.Bench;

/// <summary>The benchmarks' command-line options: "--name value" pairs.</summary>
public static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/> when the option is not given.</summary>
    public static string Arg(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
