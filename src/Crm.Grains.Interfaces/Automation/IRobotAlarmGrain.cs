namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// The durable alarm of one record's robots; key: the record grain's id ("deal/1/42"). It holds the
/// record's Orleans reminder (a row in PostgreSQL) and, when that fires, queues the record for a
/// paced wake-up on its silo. Holding the reminder here, in a grain with no state, means a tick
/// costs no state read: a hundred thousand robots due in one minute wake their records only as
/// fast as the database takes them, instead of all at once.
/// </summary>
public interface IRobotAlarmGrain : IGrainWithStringKey
{
    /// <summary>Rings at <paramref name="due"/> (or within a second when that is past), then once a minute until cleared.</summary>
    Task Set(DateTimeOffset due);

    /// <summary>Stops ringing: nothing is owed any more.</summary>
    Task Clear();
}
