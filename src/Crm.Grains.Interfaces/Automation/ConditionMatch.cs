namespace Crm.Grains.Interfaces.Automation;

/// <summary>Whether a condition needs all its rules or any one of them.</summary>
[GenerateSerializer]
public enum ConditionMatch
{
    All = 0,
    Any = 1,
}
