using Crm.Grains.Interfaces.Portals;
using Crm.Silo.Hosting;
using Crm.TestSupport;
using Npgsql;
using Orleans.TestingHost;

namespace Crm.Silo.Tests;

/// <summary>
/// Two silos (Orleans.TestingHost, in process) on a real PostgreSQL database with the product's
/// schema and providers: ADO.NET membership, grain storage and reminders. One portal with one user.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int PortalId = 1;

    /// <summary>The name of Orleans' ADO.NET grain storage in the test silos (the product uses its grouped one).</summary>
    public const string AdoNetStorage = "adonet";

    public InProcessTestCluster Cluster { get; private set; } = default!;
    public string ConnectionString { get; private set; } = "";
    public int UserId { get; private set; }
    public long PipelineId { get; private set; }
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.Instance.CreateDatabase("silo");
        await using (var db = NpgsqlDataSource.Create(ConnectionString))
        {
            await using var portal = db.CreateCommand($"INSERT INTO portals (id, name) VALUES ({PortalId}, 'Cluster test')");
            await portal.ExecuteNonQueryAsync();
            await using var user = db.CreateCommand(
                $"INSERT INTO users (portal_id, email, normalized_email, display_name, security_stamp) VALUES ({PortalId}, 'u@t', 'U@T', 'U', 's') RETURNING id");
            UserId = (int)(await user.ExecuteScalarAsync())!;
        }

        var builder = new InProcessTestClusterBuilder(2);
        // The membership must be the product's (ADO.NET on PostgreSQL), not the test cluster's in-memory one;
        // the switch is not public in this TestingHost version.
        typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)!.SetValue(builder.Options, false);
        builder.Options.ServiceId = ClusterSettings.ServiceId;
        var connectionString = ConnectionString;
        builder.ConfigureSilo((_, silo) => silo.AddCrmPersistence(connectionString)
            // Orleans' own ADO.NET provider on the same table, to prove our grouped provider reads and writes its rows.
            .AddAdoNetGrainStorage(AdoNetStorage, o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            }));
        builder.ConfigureClient(client => client.UseCrmClustering(connectionString));
        Cluster = builder.Build();
        await Cluster.DeployAsync();

        await Client.GetGrain<IPortalGrain>(PortalId).Create("Cluster test", UserId);
        PipelineId = (await Client.GetGrain<IPortalGrain>(PortalId).GetPipelines())[0].Id;
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    public NpgsqlDataSource Database() => NpgsqlDataSource.Create(ConnectionString);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
