namespace Crm.Grains.Automation;

/// <summary>The bounds robot checks enforce; generous for real use, tight enough that no robot can hold a portal's worker hostage.</summary>
public static class RobotLimits
{
    public const int MaxRobotsPerStage = 50;
    public const int MaxIdLength = 32;
    public const int MaxNameLength = 100;
    /// <summary>A delay, offset or deadline: up to a year, in minutes.</summary>
    public const long MaxMinutes = 365L * 24 * 60;
    public const int MaxSubjectLength = 255;
    public const int MaxTextLength = 5_000;
    public const int MaxEmailBodyLength = 20_000;
    public const int MaxSmsLength = 1_000;
    public const int MaxConditionRules = 20;
    public const int MaxInValues = 50;
    public const int MaxConditionTextLength = 2_000;
}
