namespace Crm.Grains.Interfaces.Automation;

/// <summary>How a condition compares a field with its value; which operators a field allows depends on its kind.</summary>
[GenerateSerializer]
public enum ConditionOperator
{
    Equals = 0,
    NotEquals = 1,
    Contains = 2,
    NotContains = 3,
    Empty = 4,
    NotEmpty = 5,
    Greater = 6,
    GreaterOrEqual = 7,
    Less = 8,
    LessOrEqual = 9,
    /// <summary>Equal to one of <see cref="ConditionRule.Values"/>.</summary>
    In = 10,
}
