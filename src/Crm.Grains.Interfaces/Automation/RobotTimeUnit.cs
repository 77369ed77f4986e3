namespace Crm.Grains.Interfaces.Automation;

/// <summary>The unit of a robot's delay or offset.</summary>
[GenerateSerializer]
public enum RobotTimeUnit
{
    Minutes = 0,
    Hours = 1,
    /// <summary>Calendar days in the portal's time zone: "2 days" keeps the time of day across a DST change.</summary>
    Days = 2,
}
