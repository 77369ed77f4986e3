using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Silo.Automation;

/// <summary>
/// This silo's wakers: each takes the next record from the <see cref="RobotWakeQueue"/> and waits
/// while it runs its due robots. A failed wake-up is only logged: the record's alarm rings again
/// within a minute until the record clears it.
/// </summary>
public sealed class RobotWaker(RobotWakeQueue queue, IGrainFactory grains, IOptions<RobotWakeOptions> options, ILogger<RobotWaker> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Wakers)).Select(_ => Wake(stoppingToken)));

    private async Task Wake(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            GrainId record;
            try
            {
                record = await queue.Take(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await grains.GetGrain<IRobotRecordGrain>(record).WakeRobots();
            }
            catch (Exception e)
            {
                log.LogWarning(e, "Robots of {Record} not woken; its alarm rings again within a minute", record);
            }
        }
    }
}
