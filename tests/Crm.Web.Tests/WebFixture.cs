using Crm.TestSupport;

namespace Crm.Web.Tests;

/// <summary>The real web host (co-hosting a silo) on a loopback port, on its own database, with one portal.</summary>
public sealed class WebFixture : IAsyncLifetime
{
    public CrmTestHost Host { get; private set; } = default!;
    public TestPortal Portal { get; private set; } = default!;
    public string ConnectionString { get; private set; } = "";
    public string ClusterId { get; } = $"web-{Guid.NewGuid():N}";

    /// <summary>The hosting operator's key this host is configured with.</summary>
    public string OperatorKey { get; } = $"operator-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.Instance.CreateDatabase("web");
        Host = await CrmTestHost.Start(ConnectionString, ClusterId,
            settings: new Dictionary<string, string?>
            {
                [Crm.Web.Operator.OperatorKeyFilter.ConfigKey] = OperatorKey,
                // Webhook receivers in tests are real listeners on this machine, named "localhost".
                ["Crm:Webhooks:AllowedHosts"] = "localhost",
            });
        Portal = await Host.CreatePortal();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
