namespace Crm.Silo.Outbox;

/// <summary>When a failed message is tried again: exponential backoff, capped, with jitter.</summary>
public static class OutboxRetryPolicy
{
    /// <summary>
    /// The wait after the <paramref name="attempts"/>-th failed attempt: base × 2^(attempts-1), at most
    /// the maximum, less up to a fifth at random so messages that failed together (a receiver down)
    /// do not all come back in the same second.
    /// </summary>
    public static TimeSpan Delay(int attempts, OutboxOptions options, double random)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min(options.RetryBaseSeconds * Math.Pow(2, exponent), options.RetryMaxSeconds);
        return TimeSpan.FromSeconds(seconds * (1 - 0.2 * Math.Clamp(random, 0, 1)));
    }
}
