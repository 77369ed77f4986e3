namespace Crm.Grains.Interfaces.Automation;

/// <summary>A record whose robots an alarm or a timer wakes (deals and leads).</summary>
public interface IRobotRecordGrain : IGrainWithStringKey
{
    /// <summary>Runs every robot that is due, then sets the alarm for the next one or clears it.</summary>
    Task WakeRobots();
}
