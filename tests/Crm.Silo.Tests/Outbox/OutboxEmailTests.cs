using Crm.Grains.Outbox;
using Crm.Silo.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static Crm.Silo.Tests.Outbox.OutboxWorld;

namespace Crm.Silo.Tests.Outbox;

/// <summary>E-mail and SMS through the outbox: a real SMTP conversation with a listener on 127.0.0.1.</summary>
public sealed class OutboxEmailTests
{
    [Fact]
    public async Task An_email_reaches_the_smtp_server_exactly_once_with_a_message_id_made_from_its_dedupe_key()
    {
        await using var smtp = new TestSmtpServer();
        await using var world = await Create();
        var sender = await world.StartSender(smtp.Settings());

        Assert.True(await OutboxOf(sender).Enqueue(Email("robot:1:deal:42:v3", "Ann@Client.test")));
        var row = await world.Settled("robot:1:deal:42:v3");

        Assert.Equal("sent", row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.SentAt);
        var mail = Assert.Single(smtp.Accepted);
        Assert.Equal(["<ann@client.test>"], mail.To);
        Assert.Equal("<crm@crm.test>", mail.From);
        Assert.Equal("Subject robot:1:deal:42:v3", mail.Header("Subject"));
        Assert.Equal($"<{EmailDelivery.MessageId(PortalId, "robot:1:deal:42:v3", "crm.test")}>", mail.Header("Message-Id"));
        Assert.Equal("robot:1:deal:42:v3", mail.Header("X-Crm-Delivery"));
        Assert.Contains("Hello from robot:1:deal:42:v3.", mail.Raw);
    }

    [Fact]
    public async Task Enqueueing_a_dedupe_key_again_stores_and_sends_nothing_more()
    {
        await using var smtp = new TestSmtpServer();
        await using var world = await Create();
        var sender = await world.StartSender(smtp.Settings());

        Assert.True(await OutboxOf(sender).Enqueue(Email("robot:1:deal:1:v1")));
        // A grain re-running the robot after a crash: the same key, whether the first is sent yet or not.
        Assert.False(await OutboxOf(sender).Enqueue(Email("robot:1:deal:1:v1", "someone.else@client.test")));
        await world.Settled("robot:1:deal:1:v1");
        Assert.False(await OutboxOf(sender).Enqueue(Email("robot:1:deal:1:v1")));
        // Another message sent after it proves the sender looked again and found nothing more of the first.
        Assert.True(await OutboxOf(sender).Enqueue(Email("robot:1:deal:1:v2")));
        await world.Settled("robot:1:deal:1:v2");

        Assert.Equal(2, smtp.Accepted.Count);
        Assert.Single(smtp.Accepted, m => m.Header("X-Crm-Delivery") == "robot:1:deal:1:v1");
        Assert.DoesNotContain(smtp.Accepted, m => m.To.Contains("<someone.else@client.test>"));
    }

    [Fact]
    public async Task An_enqueue_wakes_the_sender_of_its_node_without_waiting_for_the_poll()
    {
        await using var smtp = new TestSmtpServer();
        await using var world = await Create();
        // A poll far longer than the test's wait: only the signal can get the message out in time.
        var sender = await world.StartSender(new Dictionary<string, string?>(smtp.Settings()) { ["Crm:Outbox:PollSeconds"] = "3600" });

        // Without a signal the sender would now sleep for the hour: after its first look at start-up,
        // and again after sending the first message, it looks only when woken.
        await OutboxOf(sender).Enqueue(Email("wake:1"));
        Assert.Equal("sent", (await world.Settled("wake:1")).Status);
        await OutboxOf(sender).Enqueue(Email("wake:2"));
        Assert.Equal("sent", (await world.Settled("wake:2")).Status);
    }

    [Fact]
    public async Task An_email_the_server_refuses_for_now_is_retried_after_a_backoff_and_delivered_once()
    {
        await using var smtp = new TestSmtpServer(n => n == 1 ? "451 4.3.0 Mailbox busy, try again later" : null);
        await using var world = await Create();
        var sender = await world.StartSender(new Dictionary<string, string?>(smtp.Settings()) { ["Crm:Outbox:RetryBaseSeconds"] = "1" });

        await OutboxOf(sender).Enqueue(Email("retry:1"));
        var row = await world.Settled("retry:1");

        Assert.Equal("sent", row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Contains("451", row.LastError);
        Assert.Single(smtp.Accepted);
        var attempts = smtp.DataAttempts.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.StartsWith("451", attempts[0].Reply);
        // The second try waited at least the first backoff (1 s, less at most a fifth of jitter).
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(0.8), $"retried after {attempts[1].At - attempts[0].At}");
    }

    [Fact]
    public async Task An_email_refused_at_every_attempt_fails_after_the_last_with_its_error()
    {
        await using var smtp = new TestSmtpServer(_ => "421 4.7.0 Too busy");
        await using var world = await Create();
        var sender = await world.StartSender(new Dictionary<string, string?>(smtp.Settings())
        {
            ["Crm:Outbox:MaxAttempts"] = "3",
            ["Crm:Outbox:RetryBaseSeconds"] = "0.05",
        });

        await OutboxOf(sender).Enqueue(Email("busy:1"));
        var row = await world.Settled("busy:1");

        Assert.Equal("failed", row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.StartsWith("Gave up after 3 attempts.", row.LastError);
        Assert.Contains("421", row.LastError);
        Assert.Equal(3, smtp.DataAttempts.Count);
        Assert.Empty(smtp.Accepted);
    }

    [Fact]
    public async Task An_email_the_server_refuses_for_good_fails_at_once()
    {
        await using var smtp = new TestSmtpServer(_ => "554 5.7.1 Message rejected");
        await using var world = await Create();
        var sender = await world.StartSender(smtp.Settings());

        await OutboxOf(sender).Enqueue(Email("rejected:1"));
        var row = await world.Settled("rejected:1");

        Assert.Equal("failed", row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("554", row.LastError);
    }

    [Fact]
    public async Task Without_an_smtp_server_email_is_held_with_the_reason_and_not_failed()
    {
        await using var world = await Create();
        var sender = await world.StartSender();

        await OutboxOf(sender).Enqueue(Email("held:1"));
        var row = await world.Settled("held:1");

        Assert.Equal("held", row.Status);
        Assert.Contains("Crm:Smtp:Host", row.LastError);
        Assert.Null(row.SentAt);
    }

    [Fact]
    public async Task Sms_is_held_without_an_sms_sender_and_sent_once_through_a_registered_one()
    {
        await using var world = await Create();
        var withoutSender = await world.StartSender();
        var sms = new OutboxMessage(PortalId, OutboxKind.Sms, "sms:1", "+386 1 234 5678", null, "Your order shipped.");
        await OutboxOf(withoutSender).Enqueue(sms);
        var held = await world.Settled("sms:1");
        Assert.Equal("held", held.Status);
        Assert.Contains("SMS sender", held.LastError);

        await using var other = await Create();
        var gateway = new RecordingSms();
        var withSender = await other.StartSender(services: s => s.AddSingleton<ISmsSender>(gateway));
        await OutboxOf(withSender).Enqueue(sms);
        Assert.Equal("sent", (await other.Settled("sms:1")).Status);
        var sent = Assert.Single(gateway.Sent);
        Assert.Equal(new SmsToSend(PortalId, "+386 1 234 5678", "Your order shipped.", "sms:1"), sent);
    }

    [Fact]
    public async Task A_message_that_could_never_be_sent_is_refused_and_nothing_is_stored()
    {
        await using var world = await Create();
        var sender = await world.StartSender();

        var e = await Assert.ThrowsAsync<CrmException>(() => OutboxOf(sender).Enqueue(Email("bad:1", "not an address")));
        Assert.Equal("invalid_email", e.Code);
        await using var count = world.Db.CreateCommand("SELECT count(*) FROM outbox");
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    private sealed class RecordingSms : ISmsSender
    {
        public System.Collections.Concurrent.ConcurrentQueue<SmsToSend> Sent { get; } = new();

        public Task Send(SmsToSend message, CancellationToken ct)
        {
            Sent.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
