using System.Threading.Channels;

namespace Crm.Silo.Outbox;

/// <summary>
/// Wakes this node's sender when a message is enqueued or retried here, so it does not wait for its
/// next poll. Signals merge: many enqueues while the sender is busy wake it once.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wake.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task Wait(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await _wake.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed without a signal.
        }
    }
}
