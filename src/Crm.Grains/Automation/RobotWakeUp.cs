using Crm.Grains.Interfaces.Automation;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Automation;

/// <summary>
/// Wakes a record grain when its next robot is due. The record's alarm (<see cref="IRobotAlarmGrain"/>,
/// an Orleans reminder stored in PostgreSQL) is what makes the wake-up durable: it rings after a
/// restart, a deactivation or the loss of the silo, at the due time or, if the cluster was down then,
/// within one period of coming back. While the grain is active a one-shot grain timer rings at the
/// due time to the second. Both only queue the record on its silo's <see cref="RobotWakeQueue"/>,
/// whose wakers call <see cref="IRobotRecordGrain.WakeRobots"/> a bounded number at a time. The alarm
/// is set again only when the due time changes, and cleared when nothing is owed.
/// </summary>
public sealed class RobotWakeUp(Grain grain, IGrainFactory grains, Func<RobotQueueState> queue, RobotWakeQueue wakeQueue, TimeProvider clock, ILogger log)
{
    /// <summary>Longer waits are left to the alarm alone (timers are not for days).</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromHours(1);

    private IGrainTimer? _timer;

    private IRobotAlarmGrain Alarm => grains.GetGrain<IRobotAlarmGrain>(RobotAlarmGrain.KeyOf(grain.GetGrainId()));

    /// <summary>
    /// Before the state with a new next due time is written: the alarm for it is set first (and
    /// noted in the queue, so the write stores it), so a crash between the two leaves at worst an
    /// alarm that finds nothing due, never a robot that nothing wakes.
    /// </summary>
    public async Task Register(DateTimeOffset? next)
    {
        var robots = queue();
        if (next is not { } due || due == robots.ReminderFor) return;
        await Alarm.Set(due);
        robots.ReminderFor = due;
    }

    /// <summary>
    /// After a write or a run: a timer for the next due time, and no alarm when nothing is owed.
    /// Records that never had robots cost nothing here: the queue knows no alarm was set.
    /// </summary>
    public async Task Settle(DateTimeOffset? next, bool alarmRang = false)
    {
        StartTimer(next);
        if (next is not null)
            await Register(next);
        else if (queue().ReminderFor is not null || alarmRang)
        {
            await Alarm.Clear();
            queue().ReminderFor = null;
        }
    }

    /// <summary>
    /// <see cref="Settle"/> after a change that is stored already: a failure is logged, not reported
    /// (the alarm set before the write still stands; the next run settles again).
    /// </summary>
    public async Task SettleAfterWrite(DateTimeOffset? next, bool alarmRang = false)
    {
        try
        {
            await Settle(next, alarmRang);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Robot wake-up of {Grain} not settled", grain.GetGrainId());
        }
    }

    /// <summary>On activation and after each change: the stored alarm stands; the timer gives the precise time.</summary>
    public void StartTimer(DateTimeOffset? next)
    {
        _timer?.Dispose();
        _timer = next is { } due && Wait(due) <= LongestTimer
            ? grain.RegisterGrainTimer(() =>
            {
                wakeQueue.Add(grain.GetGrainId());
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(Wait(due), Timeout.InfiniteTimeSpan))
            : null;
    }

    private TimeSpan Wait(DateTimeOffset due)
    {
        var wait = due - clock.GetUtcNow();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
