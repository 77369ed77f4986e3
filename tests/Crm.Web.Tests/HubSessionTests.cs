using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
using Crm.Web.Live;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Web.Tests;

/// <summary>
/// An open hub connection is authenticated once; the regular check (<see cref="HubSessions"/>, run here
/// directly instead of waiting for its timer) closes it when its user is deactivated or its token revoked,
/// and leaves valid connections open.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class HubSessionTests(WebFixture fixture)
{
    private Task CheckSessions() => fixture.Host.Services.GetRequiredService<HubSessions>().CloseInvalid();

    private static async Task<(HubConnection Hub, Task Closed)> Open(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        return (hub, closed.Task);
    }

    [Fact]
    public async Task Deactivating_a_user_closes_their_open_hub_connection_and_no_one_elses()
    {
        var portal = await fixture.Host.CreatePortal("Hub sessions");
        var admin = await fixture.Host.SignIn(portal.AdminEmail);
        var (adminHub, adminClosed) = await Open(admin.BoardHub());
        var (bobHub, bobClosed) = await Open((await fixture.Host.SignIn(portal.SecondEmail)).BoardHub());
        await bobHub.InvokeAsync("SubscribeBoard", portal.PipelineId);

        await CheckSessions();
        Assert.Equal((HubConnectionState.Connected, HubConnectionState.Connected), (adminHub.State, bobHub.State));

        (await admin.Http.PutAsJsonAsync($"/api/users/{portal.SecondId}/active", new { isActive = false })).EnsureSuccessStatusCode();
        await CheckSessions();
        await bobClosed.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.False(adminClosed.IsCompleted);
        Assert.Equal(HubConnectionState.Connected, adminHub.State);
        await adminHub.DisposeAsync();
        await bobHub.DisposeAsync();
    }

    [Fact]
    public async Task Revoking_a_token_closes_the_hub_connections_opened_with_it()
    {
        var portal = await fixture.Host.CreatePortal("Hub tokens");
        var admin = await fixture.Host.SignIn(portal.AdminEmail);
        var created = await admin.Http.PostAsJsonAsync("/api/tokens", new { name = "Watcher" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (tokenHub, tokenClosed) = await Open(new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Host.BaseAddress, BoardHub.Path), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token.GetProperty("token").GetString());
                o.Transports = HttpTransportType.WebSockets;
            })
            .Build());
        var (cookieHub, cookieClosed) = await Open(admin.BoardHub());

        await CheckSessions();
        Assert.Equal(HubConnectionState.Connected, tokenHub.State);

        (await admin.Http.DeleteAsync($"/api/tokens/{token.GetProperty("id").GetInt64()}")).EnsureSuccessStatusCode();
        await CheckSessions();
        await tokenClosed.WaitAsync(TimeSpan.FromSeconds(15));
        // The same user's cookie session is still valid.
        Assert.False(cookieClosed.IsCompleted);
        await tokenHub.DisposeAsync();
        await cookieHub.DisposeAsync();
    }
}
