using Crm.Grains.Outbox;
using Crm.Silo.Outbox;
using Crm.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Silo.Tests.Outbox;

/// <summary>
/// A database of its own for one test, and outbox senders on it, each in a host of its own built with
/// the silo's registration (<see cref="OutboxServices.AddCrmOutbox"/>), as two silos would run them.
/// </summary>
public sealed class OutboxWorld : IAsyncDisposable
{
    public const int PortalId = 7;

    private readonly List<IHost> _senders = [];

    private OutboxWorld(string connectionString)
    {
        ConnectionString = connectionString;
        Db = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }
    public NpgsqlDataSource Db { get; }

    public static async Task<OutboxWorld> Create() => new(await PostgresServer.Instance.CreateDatabase("outbox"));

    /// <summary>Fast retries and polls unless the settings say otherwise; the lease stays long, as in production.</summary>
    public async Task<IHost> StartSender(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Crm:Outbox:PollSeconds"] = "0.2",
            ["Crm:Outbox:RetryBaseSeconds"] = "0.2",
            ["Crm:Outbox:BatchSize"] = "5",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(ConnectionString));
        builder.Services.AddCrmOutbox();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        _senders.Add(host);
        return host;
    }

    public static IOutbox OutboxOf(IHost sender) => sender.Services.GetRequiredService<IOutbox>();

    public static OutboxMessage Email(string key, string to = "ann@client.test") =>
        new(PortalId, OutboxKind.Email, key, to, $"Subject {key}", $"Hello from {key}.", "deal", 42);

    public static OutboxMessage Webhook(string key, string url) =>
        new(PortalId, OutboxKind.Webhook, key, url, null, $$"""{"event":"deal.stage","key":"{{key}}","text":"Grüße"}""", "deal", 42);

    /// <summary>The stored row of a message, by dedupe key.</summary>
    public async Task<OutboxRow> Row(string key)
    {
        await using var command = Db.CreateCommand("SELECT id, status, attempts, last_error, sent_at FROM outbox WHERE portal_id = $1 AND dedupe_key = $2");
        command.Parameters.Add(new() { Value = PortalId });
        command.Parameters.Add(new() { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No outbox row for {key}");
        return new OutboxRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
    }

    /// <summary>Waits (bounded) until every message with the keys has left the sender's hands: sent, failed or held.</summary>
    public async Task<IReadOnlyList<OutboxRow>> Settled(params string[] keys)
    {
        var rows = new List<OutboxRow>();
        await Until(async () =>
        {
            rows.Clear();
            foreach (var key in keys) rows.Add(await Row(key));
            return rows.All(r => r.Status is "sent" or "failed" or "held");
        }, $"messages {string.Join(", ", keys)} to settle");
        return rows;
    }

    public async Task<OutboxRow> Settled(string key) => (await Settled([key]))[0];

    public async Task Execute(string sql, params object[] values)
    {
        await using var command = Db.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Polls a condition for at most 30 s; fails the test naming what did not happen.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders)
        {
            await sender.StopAsync();
            sender.Dispose();
        }
        await Db.DisposeAsync();
    }
}

public sealed record OutboxRow(long Id, string Status, int Attempts, string? LastError, DateTimeOffset? SentAt);
