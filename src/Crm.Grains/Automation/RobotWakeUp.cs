using Microsoft.Extensions.Logging;

namespace Crm.Grains.Automation;

/// <summary>
/// Wakes a record grain when its next robot is due. The reminder (stored in PostgreSQL) is what makes
/// the wake-up durable: it fires after a restart, a deactivation or the loss of the silo, at the due
/// time or, if the cluster was down then, within one period of coming back. While the grain is active
/// a one-shot grain timer fires at the due time to the second. The reminder is re-registered only
/// when the due time changes, and dropped when nothing is owed.
/// </summary>
public sealed class RobotWakeUp(Grain grain, Func<RobotQueueState> queue, Func<Task> runDue, TimeProvider clock, ILogger log)
{
    public const string ReminderName = "robots";

    /// <summary>Orleans' shortest reminder period; also the longest a robot waits after a cluster outage.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>Longer waits are left to the reminder alone (timers are not for days).</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromHours(1);

    private IGrainTimer? _timer;

    /// <summary>
    /// Before the state with a new next due time is written: the reminder for it is registered first
    /// (and noted in the queue, so the write stores it), so a crash between the two leaves at worst a
    /// reminder that finds nothing due, never a robot that nothing wakes.
    /// </summary>
    public async Task Register(DateTimeOffset? next)
    {
        var robots = queue();
        if (next is not { } due || due == robots.ReminderFor) return;
        var wait = Wait(due);
        // A reminder's first tick must lie ahead; the timer covers "now".
        await grain.RegisterOrUpdateReminder(ReminderName, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, Period);
        robots.ReminderFor = due;
    }

    /// <summary>
    /// After a write or a run: a timer for the next due time, and no reminder when nothing is owed.
    /// Records that never had robots cost nothing here: the queue knows no reminder was registered.
    /// </summary>
    public async Task Settle(DateTimeOffset? next, bool reminderFired = false)
    {
        StartTimer(next);
        if (next is not null)
            await Register(next);
        else if (queue().ReminderFor is not null || reminderFired)
        {
            if (await grain.GetReminder(ReminderName) is { } reminder)
                await grain.UnregisterReminder(reminder);
            queue().ReminderFor = null;
        }
    }

    /// <summary>
    /// <see cref="Settle"/> after a change that is stored already: a failure is logged, not reported
    /// (the reminder registered before the write still stands; the next run settles again).
    /// </summary>
    public async Task SettleAfterWrite(DateTimeOffset? next, bool reminderFired = false)
    {
        try
        {
            await Settle(next, reminderFired);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Robot wake-up of {Grain} not settled", grain.GetGrainId());
        }
    }

    /// <summary>Writes the record's state with the queue changed outside a version (a job marked started); a failed write reloads the state.</summary>
    public static async Task Write<TState>(Grain grain, IPersistentState<TState> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>On activation: the stored reminder stands; the timer gives the precise time.</summary>
    public void StartTimer(DateTimeOffset? next)
    {
        _timer?.Dispose();
        _timer = next is { } due && Wait(due) <= LongestTimer
            ? grain.RegisterGrainTimer(runDue, new GrainTimerCreationOptions(Wait(due), Timeout.InfiniteTimeSpan))
            : null;
    }

    private TimeSpan Wait(DateTimeOffset due)
    {
        var wait = due - clock.GetUtcNow();
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
