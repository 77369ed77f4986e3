using Crm.Grains.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Silo.Outbox;

/// <summary>
/// The one outbox sender of a silo: claims due messages in batches, sends each through the delivery
/// of its kind, records the outcome. It wakes at once when a message is enqueued on this node and
/// polls otherwise (messages enqueued elsewhere, retries coming due, leases running out).
/// </summary>
public sealed class OutboxSender(OutboxQueue queue, OutboxSignal signal, IEnumerable<IOutboxDelivery> deliveries,
    IOptions<OutboxOptions> options, ILogger<OutboxSender> log) : BackgroundService
{
    private readonly Dictionary<OutboxKind, IOutboxDelivery> _deliveries = deliveries.ToDictionary(d => d.Kind);
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.SenderEnabled) return;
        var poll = TimeSpan.FromSeconds(_options.PollSeconds);
        var lease = TimeSpan.FromSeconds(_options.LeaseSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await queue.Claim(Math.Max(1, _options.BatchSize), lease, stoppingToken);
                if (batch.Count > 0)
                {
                    await Task.WhenAll(batch.Select(m => Process(m, stoppingToken)));
                    continue; // There may be more due at once.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly away; claimed messages come back after their lease.
                log.LogWarning(e, "The outbox sender could not claim messages; trying again at the next poll");
            }
            await signal.Wait(poll, stoppingToken);
        }
    }

    private async Task Process(ClaimedMessage message, CancellationToken ct)
    {
        if (message.Attempts > _options.MaxAttempts)
        {
            // Claimed again and again without an outcome: each time its sender stopped mid-send. The
            // message itself may be what stops them, so it is not tried once more.
            await Record(message, DeliveryOutcome.Fail(
                $"Gave up after {message.Attempts - 1} attempts that ended without an outcome (the sender stopped while sending)."));
            return;
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = _deliveries.TryGetValue(message.Kind, out var delivery)
                ? await delivery.Deliver(message, ct)
                : DeliveryOutcome.Held($"This silo has no sender for {OutboxNames.Of(message.Kind)} messages.");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return; // Shutting down: the claim runs out and another sender (or this one, restarted) tries again.
        }
        catch (Exception e)
        {
            outcome = DeliveryOutcome.Retry(e.Message);
        }

        try
        {
            if (!await Record(message, outcome))
                log.LogWarning("Outbox message {Id} ({Kind}) took longer than its lease; another sender may send it again", message.Id, message.Kind);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not record the outcome of outbox message {Id}; it is tried again after its lease", message.Id);
        }
    }

    private Task<bool> Record(ClaimedMessage message, DeliveryOutcome outcome)
    {
        switch (outcome.Result)
        {
            case DeliveryResult.Sent:
                return queue.Sent(message);
            case DeliveryResult.Held:
                return queue.Held(message, outcome.Error ?? "held");
            case DeliveryResult.Retry when message.Attempts < _options.MaxAttempts:
                var delay = OutboxRetryPolicy.Delay(message.Attempts, _options, Random.Shared.NextDouble());
                log.LogInformation("Outbox message {Id} ({Kind}) failed attempt {Attempt}, retrying in {Delay}: {Error}",
                    message.Id, message.Kind, message.Attempts, delay, outcome.Error);
                return queue.RetryLater(message, outcome.Error ?? "failed", delay);
            case DeliveryResult.Retry:
                log.LogWarning("Outbox message {Id} ({Kind}) failed after {Attempts} attempts: {Error}", message.Id, message.Kind, message.Attempts, outcome.Error);
                return queue.Failed(message, $"Gave up after {message.Attempts} attempts. {outcome.Error}");
            default:
                log.LogWarning("Outbox message {Id} ({Kind}) failed: {Error}", message.Id, message.Kind, outcome.Error);
                return queue.Failed(message, outcome.Error ?? "failed");
        }
    }
}
