using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Live;
using Crm.TestSupport;
using Crm.Web.Portals;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Per-user API tokens through <c>/api/tokens</c>, Bearer calls to the API and the hub, and the hub's Origin check.</summary>
[Collection(WebCollection.Name)]
public sealed class ApiTokenTests(WebFixture fixture)
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    private sealed record Created(long Id, string Name, string Token, DateTimeOffset CreatedAt);

    private static async Task<Created> CreateToken(HttpClient http, string name = "Script")
    {
        var response = await http.PostAsJsonAsync("/api/tokens", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Created>(Json))!;
    }

    private HttpClient Bearer(string token)
    {
        var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A user of its own in the fixture's portal, for tests that deactivate them or fill their token quota.</summary>
    private async Task<(int Id, SignedInClient Client)> NewUser()
    {
        var email = $"tokens-{Guid.NewGuid():N}@test.local";
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<PortalProvisioning>()
            .CreateUser(fixture.Portal.PortalId, new NewUser(email, "Tom Token", TestPortal.Password));
        return (id, await fixture.Host.SignIn(email));
    }

    private async Task<T> Sql<T>(string sql)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_token_calls_the_api_as_its_user_and_is_refused_once_revoked()
    {
        var seller = await fixture.Host.SignIn(fixture.Portal.SecondEmail);
        var token = await CreateToken(seller.Http, " Nightly report ");
        Assert.Equal("Nightly report", token.Name);
        Assert.StartsWith("crm_", token.Token);
        using var api = Bearer(token.Token);

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/leads")).StatusCode);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/access/me");
        Assert.Equal((fixture.Portal.SecondId, fixture.Portal.PortalId), (me.GetProperty("userId").GetInt32(), me.GetProperty("portalId").GetInt32()));
        var used = (await seller.Http.GetFromJsonAsync<List<JsonElement>>("/api/tokens"))!.Single(t => t.GetProperty("id").GetInt64() == token.Id);
        Assert.Equal(JsonValueKind.String, used.GetProperty("lastUsedAt").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await seller.Http.DeleteAsync($"/api/tokens/{token.Id}")).StatusCode);
        var refused = await api.GetAsync("/api/leads");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Bearer", refused.Headers.WwwAuthenticate.ToString());
        // Revoking again is harmless; the cookie session that made the token goes on.
        Assert.Equal(HttpStatusCode.NoContent, (await seller.Http.DeleteAsync($"/api/tokens/{token.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await seller.Http.GetAsync("/api/leads")).StatusCode);

        var admin = (await fixture.Host.SignIn(fixture.Portal.AdminEmail)).Http;
        var audit = (await admin.GetFromJsonAsync<List<JsonElement>>("/api/access/audit?limit=1000"))!
            .Where(e => e.GetProperty("details").TryGetProperty("tokenId", out var id) && id.GetInt64() == token.Id)
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actorId").GetInt32())).ToList();
        Assert.Equal([("token.revoked", fixture.Portal.SecondId), ("token.created", fixture.Portal.SecondId)], audit);
    }

    [Theory]
    [InlineData("crm_unknownbutwellformedXXXXXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task An_unknown_or_garbage_token_is_refused_and_no_token_is_still_401_not_a_redirect(string token)
    {
        using var api = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };
        api.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/leads")).StatusCode);

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/leads")).StatusCode);
        // Pages still send a visitor to the login form.
        var page = await anonymous.GetAsync("/settings/tokens");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_deactivated_users_token_is_refused()
    {
        var (userId, user) = await NewUser();
        var token = await CreateToken(user.Http);
        using var api = Bearer(token.Token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/leads")).StatusCode);

        await Sql<int>($"UPDATE users SET is_active = false WHERE id = {userId}; SELECT 1");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/leads")).StatusCode);
    }

    [Fact]
    public async Task The_list_shows_only_the_users_own_tokens_and_never_a_secret()
    {
        var (_, user) = await NewUser();
        var first = await CreateToken(user.Http, "First");
        var second = await CreateToken(user.Http, "Second");
        await user.Http.DeleteAsync($"/api/tokens/{first.Id}");
        await CreateToken((await fixture.Host.SignIn(fixture.Portal.AdminEmail)).Http, "Someone else's");

        var response = await user.Http.GetAsync("/api/tokens");
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(first.Token, text);
        Assert.DoesNotContain(second.Token, text);
        Assert.DoesNotContain("crm_", text);
        var list = JsonSerializer.Deserialize<List<JsonElement>>(text)!;
        Assert.Equal(["Second", "First"], list.Select(t => t.GetProperty("name").GetString()));
        Assert.False(list[0].TryGetProperty("token", out _));
        Assert.Equal(JsonValueKind.Null, list[0].GetProperty("revokedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, list[1].GetProperty("revokedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, list[0].GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task Revoking_another_users_or_another_portals_token_answers_not_found_and_it_keeps_working()
    {
        var admin = (await fixture.Host.SignIn(fixture.Portal.AdminEmail)).Http;
        var token = await CreateToken(admin, "Admin's");
        var seller = (await fixture.Host.SignIn(fixture.Portal.SecondEmail)).Http;
        var otherPortal = await fixture.Host.CreatePortal("Token portal");
        var foreignAdmin = (await fixture.Host.SignIn(otherPortal.AdminEmail)).Http;

        await ProblemOf(await seller.DeleteAsync($"/api/tokens/{token.Id}"), HttpStatusCode.NotFound, "token_not_found");
        await ProblemOf(await foreignAdmin.DeleteAsync($"/api/tokens/{token.Id}"), HttpStatusCode.NotFound, "token_not_found");
        await ProblemOf(await admin.DeleteAsync("/api/tokens/987654321"), HttpStatusCode.NotFound, "token_not_found");

        using var api = Bearer(token.Token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/leads")).StatusCode);
    }

    [Theory]
    [InlineData(null, "token_name_required")]
    [InlineData("   ", "token_name_required")]
    [InlineData("two\nlines", "token_name_invalid")]
    [InlineData("tab\tinside", "token_name_invalid")]
    [InlineData("LONG", "token_name_too_long")]
    public async Task A_bad_name_is_refused_and_creates_nothing(string? name, string code)
    {
        var (userId, user) = await NewUser();
        if (name == "LONG") name = new string('x', 101);

        var problem = await ProblemOf(await user.Http.PostAsJsonAsync("/api/tokens", new { name }), HttpStatusCode.BadRequest, code);

        Assert.Equal("name", problem.GetProperty("field").GetString());
        Assert.Equal(0L, await Sql<long>($"SELECT count(*) FROM api_tokens WHERE user_id = {userId}"));
    }

    [Fact]
    public async Task The_twenty_first_active_token_is_refused_until_one_is_revoked()
    {
        var (userId, user) = await NewUser();
        var tokens = new List<Created>();
        for (var i = 0; i < 20; i++) tokens.Add(await CreateToken(user.Http, $"Token {i}"));

        await ProblemOf(await user.Http.PostAsJsonAsync("/api/tokens", new { name = "One too many" }), HttpStatusCode.Conflict, "too_many_tokens");
        Assert.Equal(20L, await Sql<long>($"SELECT count(*) FROM api_tokens WHERE user_id = {userId}"));

        await user.Http.DeleteAsync($"/api/tokens/{tokens[0].Id}");
        await CreateToken(user.Http, "Fits again");
    }

    [Fact]
    public async Task A_hub_client_with_a_token_receives_board_events()
    {
        var admin = (await fixture.Host.SignIn(fixture.Portal.AdminEmail)).Http;
        var token = await CreateToken(admin, "Board watcher");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Host.BaseAddress, Crm.Web.Live.BoardHub.Path), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token.Token);
                o.Transports = HttpTransportType.WebSockets;
            })
            .AddJsonProtocol(o => Crm.Web.Api.ApiJson.Configure(o.PayloadSerializerOptions))
            .Build();
        var events = Channel.CreateUnbounded<DealChanged>();
        hub.On<DealChanged>("dealChanged", e => events.Writer.TryWrite(e));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeBoard", fixture.Portal.PipelineId);

        using var api = Bearer(token.Token);
        var created = await api.PostAsJsonAsync("/api/deals", new { title = "Token deal", amount = 10, currency = "USD", pipelineId = fixture.Portal.PipelineId });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var deal = (await created.Content.ReadFromJsonAsync<Deal>(Json))!;

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while ((await events.Reader.ReadAsync(timeout.Token)).Deal.Id != deal.Id) { }
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_accepted_on_the_hub_only()
    {
        var admin = (await fixture.Host.SignIn(fixture.Portal.AdminEmail)).Http;
        var token = await CreateToken(admin, "Browser hub client");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync($"{Crm.Web.Live.BoardHub.Path}/negotiate?negotiateVersion=1&access_token={token.Token}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/leads?access_token={token.Token}")).StatusCode);
    }

    [Fact]
    public async Task The_hub_refuses_a_handshake_from_a_foreign_origin_and_accepts_its_own_and_none()
    {
        var client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
        var own = fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority);

        Assert.Equal(HttpStatusCode.Forbidden, (await Negotiate(client, "https://evil.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Negotiate(client, "null")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(client, own)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Negotiate(client, null)).StatusCode);

        // The WebSocket itself, skipping negotiate, with the victim's cookie: refused before it opens.
        await using var foreign = Hub(client, "https://evil.example");
        await Assert.ThrowsAnyAsync<Exception>(() => foreign.StartAsync());
        Assert.Equal(HubConnectionState.Disconnected, foreign.State);
        await using var same = Hub(client, own);
        await same.StartAsync();
        Assert.Equal(HubConnectionState.Connected, same.State);
    }

    private static Task<HttpResponseMessage> Negotiate(SignedInClient client, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Crm.Web.Live.BoardHub.Path}/negotiate?negotiateVersion=1");
        if (origin is not null) request.Headers.Add("Origin", origin);
        return client.Http.SendAsync(request);
    }

    private static HubConnection Hub(SignedInClient client, string origin) => new HubConnectionBuilder()
        .WithUrl(new Uri(client.BaseAddress, Crm.Web.Live.BoardHub.Path), o =>
        {
            o.Cookies = client.Cookies;
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.Headers["Origin"] = origin;
        })
        .Build();
}
