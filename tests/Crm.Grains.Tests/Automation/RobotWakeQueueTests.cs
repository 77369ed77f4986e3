using Crm.Grains.Automation;

namespace Crm.Grains.Tests.Automation;

public sealed class RobotWakeQueueTests
{
    private static readonly GrainId First = GrainId.Create("deal", "1/1");
    private static readonly GrainId Second = GrainId.Create("deal", "1/2");

    [Fact]
    public async Task Records_come_out_in_the_order_they_became_due_each_once_however_often_rung()
    {
        var queue = new RobotWakeQueue();
        queue.Add(First);
        queue.Add(Second);
        queue.Add(First); // its timer and its alarm both rang
        Assert.Equal(2, queue.Count);

        Assert.Equal(First, await queue.Take(CancellationToken.None));
        Assert.Equal(Second, await queue.Take(CancellationToken.None));
        Assert.Equal(0, queue.Count);
        using var nothingLeft = new CancellationTokenSource();
        var next = queue.Take(nothingLeft.Token).AsTask();
        Assert.False(next.IsCompleted);
        await nothingLeft.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Fact]
    public async Task A_record_taken_is_queued_again_when_rung_again()
    {
        var queue = new RobotWakeQueue();
        queue.Add(First);
        Assert.Equal(First, await queue.Take(CancellationToken.None));

        // Rung while its wake-up runs: a robot may have come due meanwhile, so it goes round once more.
        queue.Add(First);
        Assert.Equal(1, queue.Count);
        Assert.Equal(First, await queue.Take(CancellationToken.None));
    }
}
