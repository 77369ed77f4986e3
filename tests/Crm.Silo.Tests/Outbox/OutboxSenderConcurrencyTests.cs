using Crm.TestSupport;
using static Crm.Silo.Tests.Outbox.OutboxWorld;

namespace Crm.Silo.Tests.Outbox;

/// <summary>Several senders on one database, and a sender that died mid-send: every message is delivered, once.</summary>
public sealed class OutboxSenderConcurrencyTests
{
    private static readonly Dictionary<string, string?> Loopback = new() { ["Crm:Webhooks:AllowPrivateNetworks"] = "true" };

    [Fact]
    public async Task Two_senders_on_one_database_deliver_each_of_many_messages_exactly_once()
    {
        await using var receiver = await TestWebhookReceiver.Start();
        await using var world = await Create();
        var settings = new Dictionary<string, string?>(Loopback) { ["Crm:Outbox:BatchSize"] = "3" };
        var a = await world.StartSender(settings);
        var b = await world.StartSender(settings);

        // Enqueued on both nodes at once, so both senders are woken and claim side by side.
        var keys = Enumerable.Range(1, 60).Select(i => $"many:{i}").ToArray();
        await Task.WhenAll(keys.Select((key, i) => OutboxOf(i % 2 == 0 ? a : b).Enqueue(Webhook(key, receiver.Url()))));
        var rows = await world.Settled(keys);

        Assert.All(rows, r => Assert.Equal("sent", r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        var received = receiver.Calls.GroupBy(c => c.IdempotencyKey).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(keys.Order(), received.Keys.Order());
        Assert.All(received, r => Assert.Equal(1, r.Value));
    }

    [Fact]
    public async Task A_message_whose_sender_died_mid_send_is_sent_by_another_sender_once_its_lease_has_run_out()
    {
        await using var smtp = new TestSmtpServer();
        await using var world = await Create();
        // What a sender that crashed after claiming leaves behind: 'sending', one attempt counted, the lease over.
        await world.Execute("""
            INSERT INTO outbox (portal_id, kind, dedupe_key, recipient, subject, body, status, attempts, lease_until)
            VALUES ($1, 'email', 'crashed:1', 'ann@client.test', 'Hello', 'Body', 'sending', 1, now() - interval '1 second')
            """, PortalId);

        await world.StartSender(smtp.Settings());
        var row = await world.Settled("crashed:1");

        Assert.Equal("sent", row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Single(smtp.Accepted, m => m.Header("X-Crm-Delivery") == "crashed:1");
    }

    [Fact]
    public async Task A_message_claimed_by_a_live_sender_is_left_to_it()
    {
        await using var smtp = new TestSmtpServer();
        await using var world = await Create();
        await world.Execute("""
            INSERT INTO outbox (portal_id, kind, dedupe_key, recipient, subject, body, status, attempts, lease_until)
            VALUES ($1, 'email', 'leased:1', 'ann@client.test', 'Hello', 'Body', 'sending', 1, now() + interval '1 hour')
            """, PortalId);

        var sender = await world.StartSender(smtp.Settings());
        // A message enqueued later and sent proves the sender has looked at the table since.
        await OutboxOf(sender).Enqueue(Email("later:1"));
        Assert.Equal("sent", (await world.Settled("later:1")).Status);

        var leased = await world.Row("leased:1");
        Assert.Equal("sending", leased.Status);
        Assert.Equal(1, leased.Attempts);
        Assert.DoesNotContain(smtp.Accepted, m => m.Header("X-Crm-Delivery") == "leased:1");
    }

    [Fact]
    public async Task A_message_whose_senders_keep_dying_mid_send_is_failed_once_its_attempts_are_spent_and_not_sent_again()
    {
        await using var smtp = new TestSmtpServer();
        await using var world = await Create();
        await world.Execute("""
            INSERT INTO outbox (portal_id, kind, dedupe_key, recipient, subject, body, status, attempts, lease_until)
            VALUES ($1, 'email', 'poison:1', 'ann@client.test', 'Hello', 'Body', 'sending', 3, now() - interval '1 second')
            """, PortalId);

        await world.StartSender(new Dictionary<string, string?>(smtp.Settings()) { ["Crm:Outbox:MaxAttempts"] = "3" });
        var row = await world.Settled("poison:1");

        Assert.Equal("failed", row.Status);
        Assert.Contains("the sender stopped while sending", row.LastError);
        Assert.Empty(smtp.DataAttempts);
    }
}
