using System.Net;
using System.Net.Http.Json;
using Crm.Web.Hosting;
using Crm.Web.Portals;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.TestSupport;

/// <summary>
/// The real web host (Kestrel on 127.0.0.1, a random port) built exactly as Program builds it, in
/// "combined" mode (it is also a silo) or "web" mode (a client of other silos on the same database).
/// </summary>
public sealed class CrmTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CrmTestHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<CrmTestHost> Start(string connectionString, string clusterId, HostingMode mode = HostingMode.Combined,
        IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Crm"] = connectionString,
            ["Crm:Mode"] = mode.ToString(),
            ["Crm:Cluster:ClusterId"] = clusterId,
            ["Crm:Cluster:SiloPort"] = PostgresServer.FreePort().ToString(),
            ["Crm:Cluster:GatewayPort"] = PostgresServer.FreePort().ToString(),
            ["Crm:Demo:Seed"] = "false",
            // Tests count a thousand leads and expect the exact answer, whatever else shares the machine;
            // ListCountBudgetTests proves the budget itself.
            ["Crm:Lists:CountBudget"] = "00:00:10",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var app = CrmWebApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CrmTestHost(app, new Uri(address));
    }

    /// <summary>Creates a portal with an admin and two more users (unique e-mails); see <see cref="TestPortal"/>.</summary>
    public async Task<TestPortal> CreatePortal(string name = "Test portal")
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        await using var scope = Services.CreateAsyncScope();
        var provisioning = scope.ServiceProvider.GetRequiredService<PortalProvisioning>();
        var admin = new NewUser($"admin-{tag}@test.local", "Alice Admin", TestPortal.Password);
        var (portalId, adminId) = await provisioning.CreatePortal(name, admin);
        var second = new NewUser($"bob-{tag}@test.local", "Bob Seller", TestPortal.Password);
        var secondId = await provisioning.CreateUser(portalId, second);
        var pipelineId = await scope.ServiceProvider.GetRequiredService<Crm.Web.Deals.DealService>().DefaultPipelineId(portalId);
        return new TestPortal(portalId, pipelineId, admin.Email, adminId, second.Email, secondId);
    }

    /// <summary>An HTTP client signed in as the user (cookie), and its cookies for hub connections.</summary>
    public async Task<SignedInClient> SignIn(string email, string password = TestPortal.Password)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = BaseAddress };
        var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return new SignedInClient(http, cookies, BaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A portal made for a test: its default pipeline and two users (password <see cref="Password"/>).</summary>
public sealed record TestPortal(int PortalId, long PipelineId, string AdminEmail, int AdminId, string SecondEmail, int SecondId)
{
    public const string Password = "test-password-1";
}

/// <summary>A signed-in HTTP client and the cookies to open hub connections as the same user.</summary>
public sealed record SignedInClient(HttpClient Http, CookieContainer Cookies, Uri BaseAddress)
{
    public HubConnection BoardHub() => new HubConnectionBuilder()
        .WithUrl(new Uri(BaseAddress, Crm.Web.Live.BoardHub.Path), o => o.Cookies = Cookies)
        .AddJsonProtocol(o => Crm.Web.Api.ApiJson.Configure(o.PayloadSerializerOptions))
        .Build();
}
