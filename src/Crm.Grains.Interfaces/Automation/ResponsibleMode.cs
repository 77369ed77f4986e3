namespace Crm.Grains.Interfaces.Automation;

/// <summary>How a <see cref="RobotAction.SetResponsible"/> robot picks the new responsible.</summary>
[GenerateSerializer]
public enum ResponsibleMode
{
    /// <summary>Always the same user (<see cref="RobotSettings.ToUserId"/>).</summary>
    Fixed = 0,

    /// <summary>The members of a department (<see cref="RobotSettings.DepartmentId"/>) in turn.</summary>
    RoundRobin = 1,
}
