using System.Text.Json;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Silo.Hosting;
using Crm.TestSupport;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Orleans.TestingHost;

namespace Crm.Silo.Tests.Robots;

/// <summary>
/// A cluster of its own for robot tests, on a database of its own, that can be stopped as a whole and
/// started again on the same database (the reminders, states and outbox stay). Silo settings (SMTP,
/// outbox polling) are given at creation. One portal, one user, the default pipeline.
/// </summary>
public sealed class RobotWorld : IAsyncDisposable
{
    public const int PortalId = 1;

    private readonly Dictionary<string, string?> _settings;
    private readonly short _silos;
    private InProcessTestCluster? _cluster;

    private RobotWorld(string connectionString, Dictionary<string, string?> settings, short silos)
    {
        ConnectionString = connectionString;
        Db = NpgsqlDataSource.Create(connectionString);
        (_settings, _silos) = (settings, silos);
    }

    public string ConnectionString { get; }
    public NpgsqlDataSource Db { get; }
    public int UserId { get; private set; }
    public Pipeline Pipeline { get; private set; } = default!;
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is stopped.");
    public IClusterClient Client => Cluster.Client;

    public static async Task<RobotWorld> Start(IDictionary<string, string?>? settings = null, short silos = 1)
    {
        var values = new Dictionary<string, string?> { ["Crm:Outbox:PollSeconds"] = "0.2", ["Crm:Outbox:RetryBaseSeconds"] = "0.2" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var world = new RobotWorld(await PostgresServer.Instance.CreateDatabase("robots"), values, silos);
        await using (var user = world.Db.CreateCommand(
            $"INSERT INTO portals (id, name) VALUES ({PortalId}, 'Robots'); INSERT INTO users (portal_id, email, normalized_email, display_name, security_stamp) VALUES ({PortalId}, 'ann@t', 'ANN@T', 'Ann', 's') RETURNING id"))
            world.UserId = (int)(await user.ExecuteScalarAsync())!;
        await world.StartCluster();
        await world.Client.GetGrain<IPortalGrain>(PortalId).Create("Robots", world.UserId);
        var pipelineId = (await world.Client.GetGrain<IPortalGrain>(PortalId).GetPipelines())[0].Id;
        world.Pipeline = await world.Client.GetGrain<IPipelineGrain>(GrainKeys.For(PortalId, pipelineId)).Get();
        return world;
    }

    public async Task StartCluster()
    {
        var builder = new InProcessTestClusterBuilder(_silos);
        // The product's membership (ADO.NET on PostgreSQL), as in ClusterFixture.
        typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)!.SetValue(builder.Options, false);
        builder.Options.ServiceId = ClusterSettings.ServiceId;
        var connectionString = ConnectionString;
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(_settings));
        builder.ConfigureSilo((_, silo) => silo.AddCrmPersistence(connectionString));
        builder.ConfigureClient(client => client.UseCrmClustering(connectionString));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Stops every silo: nothing of the cluster stays in memory.</summary>
    public async Task StopCluster()
    {
        if (_cluster is null) return;
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        _cluster = null;
    }

    public Task<IReadOnlyList<Robot>> SetRobots(string stageId, params Robot[] robots) =>
        Client.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(PortalId, Pipeline.Id)).Set(stageId, robots, UserId);

    public async Task<Deal> CreateDeal(string title, string? stageId = null, IReadOnlyList<long>? contactIds = null)
    {
        var id = await Client.GetGrain<IRecordIdGrain>(GrainKeys.For(PortalId, "deal")).Next();
        return await Deal(id).Create(new NewDeal(Pipeline.Id, new DealFields(title, 100, "USD", UserId, ContactIds: contactIds), stageId), UserId);
    }

    public IDealGrain Deal(long id) => Client.GetGrain<IDealGrain>(GrainKeys.For(PortalId, id));

    /// <summary>The deal's timeline lines about robots, oldest first: (robot name, what became of it).</summary>
    public async Task<IReadOnlyList<(string Robot, string Outcome)>> RobotLines(long dealId)
    {
        await using var command = Db.CreateCommand("SELECT changes FROM deal_history WHERE portal_id = $1 AND deal_id = $2 ORDER BY version");
        command.Parameters.Add(new() { Value = PortalId });
        command.Parameters.Add(new() { Value = dealId });
        var lines = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            foreach (var change in JsonDocument.Parse(reader.GetString(0)).RootElement.EnumerateArray())
                if (change.GetProperty("field").GetString() == "robot")
                    lines.Add((change.GetProperty("old").GetString() ?? "", change.GetProperty("new").GetString() ?? ""));
        return lines;
    }

    /// <summary>The outbox's messages about the deal: (kind, recipient, subject, body, dedupe key, status).</summary>
    public async Task<IReadOnlyList<(string Kind, string Recipient, string? Subject, string Body, string Key, string Status)>> Outbox(long dealId)
    {
        await using var command = Db.CreateCommand("SELECT kind, recipient, subject, body, dedupe_key, status FROM outbox WHERE portal_id = $1 AND record_type = 'deal' AND record_id = $2 ORDER BY id");
        command.Parameters.Add(new() { Value = PortalId });
        command.Parameters.Add(new() { Value = dealId });
        var rows = new List<(string, string, string?, string, string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        return rows;
    }

    public async Task<long> Scalar(string sql)
    {
        await using var command = Db.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Polls a condition for at most <paramref name="seconds"/>; fails naming what did not happen.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopCluster();
        await Db.DisposeAsync();
    }
}
