namespace Crm.Bench;

public static class Repository
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Crm.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Run the benchmark from the repository.");
        }
    }
}
