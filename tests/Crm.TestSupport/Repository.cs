namespace Crm.TestSupport;

/// <summary>The checkout the tests and the benchmark run from (the folder holding Crm.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The build configuration these binaries come from (Debug or Release): bin/{it}/net10.0.</summary>
    public static string BuildConfiguration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (no Crm.sln above the binaries).");
    }
}
