namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// One comparison of a robot's condition: a field of the record (catalogue code), an operator and
/// the value in canonical text (numbers invariant, dates yyyy-MM-dd, date-times ISO 8601, booleans
/// true/false, list items and users by id). <see cref="Values"/> is used by <see cref="ConditionOperator.In"/>
/// only; Empty and NotEmpty take no value.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.robot-condition-rule")]
public sealed record ConditionRule(
    [property: Id(0)] string FieldCode,
    [property: Id(1)] ConditionOperator Operator,
    [property: Id(2)] string? Value = null,
    [property: Id(3)] IReadOnlyList<string>? Values = null);
