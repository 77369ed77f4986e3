using System.Security.Cryptography;
using System.Text;
using Crm.Silo.Outbox;
using Crm.TestSupport;
using static Crm.Silo.Tests.Outbox.OutboxWorld;

namespace Crm.Silo.Tests.Outbox;

/// <summary>Webhook calls through the outbox to a real receiver on 127.0.0.1, and the guard that keeps them off internal addresses.</summary>
public sealed class WebhookDeliveryTests
{
    private static readonly Dictionary<string, string?> Loopback = new() { ["Crm:Webhooks:AllowPrivateNetworks"] = "true" };

    [Fact]
    public async Task A_webhook_call_carries_its_json_body_a_verifiable_signature_and_its_dedupe_key()
    {
        await using var receiver = await TestWebhookReceiver.Start();
        await using var world = await Create();
        var sender = await world.StartSender(Loopback);
        var message = Webhook("robot:5:deal:42:v9", receiver.Url("hooks/crm"));

        await OutboxOf(sender).Enqueue(message);
        Assert.Equal("sent", (await world.Settled(message.DedupeKey)).Status);

        var call = Assert.Single(receiver.Calls);
        Assert.Equal("/hooks/crm", call.Path);
        Assert.Equal(message.Body, call.Body);
        Assert.StartsWith("application/json", call.ContentType);
        Assert.Equal(message.DedupeKey, call.IdempotencyKey);
        Assert.Equal(message.DedupeKey, call.Delivery);
        var secret = (await new WebhookSecrets(world.Db).Of(PortalId)).Secret;
        AssertSigned(call, secret);
    }

    [Fact]
    public async Task After_the_secret_is_regenerated_calls_are_signed_with_the_new_one()
    {
        await using var receiver = await TestWebhookReceiver.Start();
        await using var world = await Create();
        var sender = await world.StartSender(Loopback);
        var secrets = new WebhookSecrets(world.Db);
        var old = await secrets.Of(PortalId);
        Assert.Equal(old, await secrets.Of(PortalId)); // made once, then kept
        var renewed = await secrets.Regenerate(PortalId);
        Assert.NotEqual(old.Secret, renewed.Secret);

        await OutboxOf(sender).Enqueue(Webhook("renewed:1", receiver.Url()));
        await world.Settled("renewed:1");

        var call = Assert.Single(receiver.Calls);
        AssertSigned(call, renewed.Secret);
        Assert.NotEqual(Expected(call, old.Secret), Parse(call.Signature!).V1);
    }

    [Fact]
    public async Task A_receiver_that_is_down_for_a_moment_gets_the_call_again_and_a_refusing_one_does_not()
    {
        await using var flaky = await TestWebhookReceiver.Start(n => n == 1 ? 503 : 200);
        await using var refusing = await TestWebhookReceiver.Start(_ => 404);
        await using var world = await Create();
        var sender = await world.StartSender(Loopback);

        await OutboxOf(sender).Enqueue(Webhook("flaky:1", flaky.Url()));
        await OutboxOf(sender).Enqueue(Webhook("refused:1", refusing.Url()));
        var rows = await world.Settled("flaky:1", "refused:1");

        Assert.Equal(("sent", 2), (rows[0].Status, rows[0].Attempts));
        Assert.Contains("503", rows[0].LastError);
        Assert.Equal(2, flaky.Calls.Count);
        Assert.Equal(("failed", 1), (rows[1].Status, rows[1].Attempts));
        Assert.Contains("404", rows[1].LastError);
        Assert.Single(refusing.Calls);
    }

    [Fact]
    public async Task A_webhook_to_an_internal_address_is_refused_at_connect_time_and_nothing_is_sent()
    {
        await using var receiver = await TestWebhookReceiver.Start();
        await using var world = await Create();
        var sender = await world.StartSender();
        var port = receiver.Port;
        // The guard refuses before any connection is made: no packet goes to 10.x or the metadata address.
        var targets = new Dictionary<string, (string Url, string Reason)>
        {
            ["loopback"] = ($"http://127.0.0.1:{port}/hook", "loopback"),
            ["octal"] = ($"http://0177.0.0.1:{port}/hook", "loopback"),
            ["ipv6"] = ($"http://[::1]:{port}/hook", "loopback"),
            ["mapped"] = ($"http://[::ffff:127.0.0.1]:{port}/hook", "loopback"),
            ["private"] = ("http://10.1.2.3/hook", "private"),
            ["metadata"] = ("http://169.254.169.254/latest/meta-data/", "metadata"),
            ["name"] = ($"http://localhost:{port}/hook", "loopback"),
        };
        foreach (var (key, target) in targets) await OutboxOf(sender).Enqueue(Webhook($"ssrf:{key}", target.Url));

        var rows = await world.Settled(targets.Keys.Select(k => $"ssrf:{k}").ToArray());

        foreach (var ((key, target), row) in targets.Zip(rows))
        {
            Assert.True(row.Status == "failed", $"{key}: {row.Status} {row.LastError}");
            Assert.Equal(1, row.Attempts);
            Assert.Contains("Refused to call", row.LastError);
            Assert.Contains(target.Reason, row.LastError);
            Assert.Contains("Crm:Webhooks:AllowPrivateNetworks", row.LastError);
        }
        Assert.Empty(receiver.Calls);
    }

    [Fact]
    public async Task A_host_on_the_allowed_list_may_resolve_to_an_internal_address_and_no_other_host_may()
    {
        await using var receiver = await TestWebhookReceiver.Start();
        await using var world = await Create();
        var sender = await world.StartSender(new Dictionary<string, string?> { ["Crm:Webhooks:AllowedHosts"] = "hooks.intranet, LOCALHOST" });

        await OutboxOf(sender).Enqueue(Webhook("allowed:1", $"http://localhost:{receiver.Port}/hook"));
        await OutboxOf(sender).Enqueue(Webhook("allowed:2", receiver.Url()));
        var rows = await world.Settled("allowed:1", "allowed:2");

        Assert.Equal("sent", rows[0].Status);
        Assert.Equal("failed", rows[1].Status);
        Assert.Equal("allowed:1", Assert.Single(receiver.Calls).IdempotencyKey);
    }

    private static void AssertSigned(ReceivedCall call, string secret)
    {
        var (t, v1) = Parse(call.Signature ?? throw new Xunit.Sdk.XunitException("No X-Crm-Signature header"));
        Assert.Equal(Expected(call, secret), v1);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t, -60, 300);
    }

    // The receiver's side, written from the documented scheme rather than with the sender's code.
    private static string Expected(ReceivedCall call, string secret)
    {
        var (t, _) = Parse(call.Signature!);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{t}.{call.Body}"))).ToLowerInvariant();
    }

    private static (long T, string V1) Parse(string header)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return (long.Parse(parts["t"]), parts["v1"]);
    }
}
