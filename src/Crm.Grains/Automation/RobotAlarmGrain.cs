using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>
/// See <see cref="IRobotAlarmGrain"/>. Placed on the silo that calls it, so a reminder tick is
/// queued on the silo that owns the reminder: the wake-ups of a cluster spread with its reminders.
/// </summary>
[GrainType("robot-alarm")]
[Orleans.Placement.PreferLocalPlacement]
// It holds nothing the database does not (the reminder): a hundred thousand idle alarms need not stay in memory.
[CollectionAgeLimit(Minutes = 2)]
public sealed class RobotAlarmGrain(RobotWakeQueue wakeQueue, TimeProvider clock) : Grain, IRobotAlarmGrain, IRemindable
{
    public const string ReminderName = "robots";

    /// <summary>Orleans' shortest reminder period; also the longest a robot waits after a cluster outage or a lost queue.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    // Whether the reminder stands, as far as this activation knows (null: not known; read when clearing).
    private bool? _set;

    public async Task Set(DateTimeOffset due)
    {
        var wait = due - clock.GetUtcNow();
        // A reminder's first tick must lie ahead; the record's timer covers "now".
        await this.RegisterOrUpdateReminder(ReminderName, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, Period);
        _set = true;
    }

    public async Task Clear()
    {
        // A record woken twice (its timer and its alarm) clears twice; the second costs no database call.
        if (_set == false) return;
        if (await this.GetReminder(ReminderName) is { } reminder)
            await this.UnregisterReminder(reminder);
        _set = false;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            _set = true;
            wakeQueue.Add(Record(this.GetPrimaryKeyString()));
        }
        return Task.CompletedTask;
    }

    /// <summary>The alarm's key for a record and back.</summary>
    public static string KeyOf(GrainId record) => record.ToString();

    private static GrainId Record(string key) => GrainId.Parse(key);
}
