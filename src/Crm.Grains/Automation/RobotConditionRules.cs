using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>
/// Checks a robot's condition: known fields, operators that fit each field's kind, values that read
/// as the kind (returned canonical). A condition without rules is no condition (null).
/// </summary>
public static class RobotConditionRules
{
    public static RobotCondition? Check(RobotCondition? condition, RobotFieldCatalogue catalogue)
    {
        if (condition?.Rules is not { Count: > 0 } rules) return null;
        if (!Enum.IsDefined(condition.Match))
            throw CrmException.Invalid("unknown_condition_match", $"'{condition.Match}' is neither all nor any.", "condition.match");
        if (rules.Count > RobotLimits.MaxConditionRules)
            throw CrmException.Invalid("too_many_condition_rules", $"A condition can have at most {RobotLimits.MaxConditionRules} rules.", "condition.rules");
        return condition with { Rules = rules.Select((r, i) => Rule(r, catalogue, $"condition.rules[{i}]")).ToList() };
    }

    /// <summary>Whether <paramref name="op"/> means something for a field of <paramref name="kind"/>.</summary>
    public static bool Fits(ConditionOperator op, RobotFieldKind kind) => op switch
    {
        ConditionOperator.Equals or ConditionOperator.NotEquals or ConditionOperator.Empty or ConditionOperator.NotEmpty => true,
        ConditionOperator.Contains or ConditionOperator.NotContains => kind == RobotFieldKind.Text,
        ConditionOperator.In => kind != RobotFieldKind.Boolean,
        _ => RobotValueText.IsOrdered(kind),
    };

    private static ConditionRule Rule(ConditionRule rule, RobotFieldCatalogue catalogue, string at)
    {
        var field = catalogue.Find(rule.FieldCode)
            ?? throw CrmException.Invalid("unknown_field", $"'{rule.FieldCode}' is not a {catalogue.RecordKind} field.", $"{at}.fieldCode");
        if (!Enum.IsDefined(rule.Operator))
            throw CrmException.Invalid("unknown_operator", $"'{rule.Operator}' is not a condition operator.", $"{at}.operator");
        if (!Fits(rule.Operator, field.Kind))
            throw CrmException.Invalid("operator_not_for_field",
                $"{field.Code} is {field.Kind.ToString().ToLowerInvariant()}; '{rule.Operator}' does not apply to it.", $"{at}.operator");
        switch (rule.Operator)
        {
            case ConditionOperator.Empty or ConditionOperator.NotEmpty:
                return new ConditionRule(field.Code, rule.Operator);
            case ConditionOperator.In:
                var values = rule.Values ?? [];
                if (values.Count == 0)
                    throw CrmException.Invalid("condition_value_required", $"The condition on {field.Code} needs at least one value.", $"{at}.values");
                if (values.Count > RobotLimits.MaxInValues)
                    throw CrmException.Invalid("too_many_condition_values", $"A condition can list at most {RobotLimits.MaxInValues} values.", $"{at}.values");
                return new ConditionRule(field.Code, rule.Operator,
                    Values: values.Select(v => RobotValueRules.ConditionValue(field, v, $"{at}.values")).Distinct().ToList());
            default:
                return new ConditionRule(field.Code, rule.Operator, RobotValueRules.ConditionValue(field, rule.Value, $"{at}.value"));
        }
    }
}
