using System.Diagnostics;
using System.Text.RegularExpressions;
using Crm.Silo.Hosting;
using Crm.Web.Hosting;

namespace Crm.Web.Tests;

/// <summary>docker-compose.yml cannot be started here (no Docker engine); it is kept valid and consistent with the settings.</summary>
public partial class DeploymentFileTests
{
    private static readonly string Root = Crm.TestSupport.Repository.Root;
    private static readonly string Compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));


    [Fact]
    public void The_compose_file_is_valid_for_docker_compose()
    {
        var start = new ProcessStartInfo("docker-compose", "-f docker-compose.yml config -q")
        {
            WorkingDirectory = Root, RedirectStandardError = true, RedirectStandardOutput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("docker-compose is not installed (scripts/test.sh installs it).");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public void Every_setting_the_compose_file_passes_is_one_the_product_reads()
    {
        var known = typeof(ClusterSettings).GetProperties().Select(p => $"Crm__Cluster__{p.Name}")
            .Concat(["Crm__Mode", "Crm__LogFormat", "Crm__Demo__Seed", "Crm__Demo__Password", "ConnectionStrings__Crm",
                Crm.Web.Operator.OperatorKeyFilter.ConfigKey.Replace(":", "__")])
            .ToHashSet();
        var used = SettingKey().Matches(Compose).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, key => Assert.Contains(key, known));
        Assert.All(ModeValue().Matches(Compose).Select(m => m.Groups[1].Value), mode => Assert.True(Enum.TryParse<HostingMode>(mode, out _), mode));
    }

    [Fact]
    public void Two_silos_two_web_nodes_and_a_sticky_load_balancer_share_one_database_and_cluster()
    {
        foreach (var service in new[] { "postgres:", "silo1:", "silo2:", "web1:", "web2:", "lb:" })
            Assert.Contains($"  {service}", Compose);
        Assert.Equal(2, Regex.Matches(Compose, "Crm.Silo.dll").Count);
        Assert.Equal(2, Regex.Matches(Compose, "Crm__Mode: \"Web\"").Count);
        Assert.Single(Regex.Matches(Compose, "ConnectionStrings__Crm:"));
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "nginx.conf"));
        Assert.Contains("ip_hash;", nginx);
        Assert.Contains("server web1:8080;", nginx);
        Assert.Contains("server web2:8080;", nginx);
    }

    [GeneratedRegex(@"^\s+((?:Crm|ConnectionStrings)__\w+):", RegexOptions.Multiline)]
    private static partial Regex SettingKey();

    [GeneratedRegex(@"Crm__Mode:\s*""(\w+)""")]
    private static partial Regex ModeValue();
}
