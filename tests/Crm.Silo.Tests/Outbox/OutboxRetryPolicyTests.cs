using Crm.Silo.Outbox;

namespace Crm.Silo.Tests.Outbox;

public sealed class OutboxRetryPolicyTests
{
    private static readonly OutboxOptions Options = new() { RetryBaseSeconds = 30, RetryMaxSeconds = 3600 };

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]   // 3840 capped
    [InlineData(100, 3600)]
    public void The_wait_doubles_with_each_failed_attempt_up_to_the_maximum(int attempts, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxRetryPolicy.Delay(attempts, Options, random: 0));

    [Fact]
    public void Jitter_shortens_the_wait_by_at_most_a_fifth() =>
        Assert.Equal(TimeSpan.FromSeconds(48), OutboxRetryPolicy.Delay(2, Options, random: 1));
}
