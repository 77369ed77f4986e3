using System.Text.Json;
using Crm.TestSupport;

namespace Crm.Web.Tests;

/// <summary>Crm.Web started as a user or a container starts it: its own process, settings from the environment.</summary>
public sealed class ServerProcessTests
{
    [Fact]
    public async Task With_LogFormat_json_every_log_line_is_one_JSON_object_with_level_category_and_message()
    {
        var db = await PostgresServer.Instance.CreateDatabase("jsonlog");
        await using var server = await ServerProcess.Start(db, Repository.BuildConfiguration, new Dictionary<string, string> { ["Crm__LogFormat"] = "json" });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal("Healthy", await http.GetStringAsync("/health/ready"));

        var lines = server.Output.ToList();
        Assert.Contains(lines, l => l.Contains("Application started"));
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line); // throws on a line that is not JSON
            var root = entry.RootElement;
            Assert.True(root.TryGetProperty("Timestamp", out var at) && DateTimeOffset.TryParse(at.GetString(), out _), line);
            Assert.True(root.TryGetProperty("LogLevel", out _), line);
            Assert.True(root.TryGetProperty("Category", out _), line);
            Assert.True(root.TryGetProperty("Message", out _), line);
        }
        // Events keep their structured properties: the demo seeding carries its counts as numbers.
        var seeded = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("Category").GetString() == "Crm.Web.Portals.DemoSeeder" && e.GetProperty("State").TryGetProperty("Deals", out _));
        Assert.Equal(3, seeded.GetProperty("State").GetProperty("Users").GetInt32());
    }
}
