using System.Collections.Concurrent;
using System.Security.Claims;
using Crm.Web.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Crm.Web.Live;

/// <summary>How often open hub connections are checked against their users and tokens (<c>Crm:Live:SessionCheckSeconds</c>).</summary>
public sealed class HubSessionOptions
{
    public double SessionCheckSeconds { get; set; } = 30;
}

/// <summary>
/// The hub connections open on this node, and their regular check: a connection whose user was
/// deactivated or signed out everywhere (security stamp changed), or whose API token was revoked, is
/// closed. A connection is authenticated once, at its start; without this it would go on receiving
/// events after the sign-in that opened it stopped being valid.
/// </summary>
public sealed class HubSessions(NpgsqlDataSource db, IOptions<IdentityOptions> identity, IOptions<HubSessionOptions> options,
    ILogger<HubSessions> log) : BackgroundService
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();

    public void Opened(HubCallerContext connection) => _open[connection.ConnectionId] = connection;

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SessionCheckSeconds));
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                await CloseInvalid(stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Checking open hub connections failed; trying again at the next interval");
            }
        }
    }

    /// <summary>Closes the connections whose sign-in is no longer valid; one query for all of this node's connections.</summary>
    public async Task CloseInvalid(CancellationToken ct = default)
    {
        var open = _open.Values.ToList();
        if (open.Count == 0) return;
        var sessions = open.Select(c => (Connection: c, Session: Of(c.User))).ToList();
        await using var command = db.CreateCommand("""
            SELECT u.id, u.security_stamp, NULL::bigint FROM users u WHERE u.id = ANY($1) AND u.is_active
            UNION ALL
            SELECT NULL, NULL, t.id FROM api_tokens t WHERE t.id = ANY($2) AND t.revoked_at IS NULL
            """);
        command.Parameters.Add(new() { Value = sessions.Select(s => s.Session.UserId).Distinct().ToArray() });
        command.Parameters.Add(new() { Value = sessions.Select(s => s.Session.TokenId).OfType<long>().Distinct().ToArray() });
        var stamps = new Dictionary<int, string>();
        var tokens = new HashSet<long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                if (reader.IsDBNull(2)) stamps[reader.GetInt32(0)] = reader.GetString(1);
                else tokens.Add(reader.GetInt64(2));

        foreach (var (connection, session) in sessions)
        {
            var valid = stamps.TryGetValue(session.UserId, out var stamp)
                && (session.TokenId is { } token ? tokens.Contains(token) : stamp == session.Stamp);
            if (valid) continue;
            log.LogInformation("Closing hub connection {ConnectionId} of user {UserId}: its sign-in is no longer valid", connection.ConnectionId, session.UserId);
            connection.Abort();
            Closed(connection.ConnectionId);
        }
    }

    private (int UserId, string? Stamp, long? TokenId) Of(ClaimsPrincipal? user) => (
        user?.UserId() ?? 0,
        user?.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType),
        long.TryParse(user?.FindFirstValue(CrmClaims.TokenId), out var token) ? token : null);
}
