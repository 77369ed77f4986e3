namespace Crm.Silo.Automation;

/// <summary>How a silo wakes records whose robots are due; bound from "Crm:Robots".</summary>
public sealed class RobotWakeOptions
{
    public const string Section = "Crm:Robots";

    /// <summary>
    /// Records woken (activated and run) at once by this silo. Enough to fill the grouped state reads
    /// and the connection pool; more only queues activations that then time out.
    /// </summary>
    public int Wakers { get; set; } = 64;
}
