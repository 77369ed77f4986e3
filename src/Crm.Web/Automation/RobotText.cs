using System.Globalization;
using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Web.Automation;

/// <summary>How the editor words a robot in one line each: its action, when it runs, and its condition (with the fields' labels and list items' names).</summary>
public static class RobotText
{
    public static string Action(RobotAction action) => RobotRules.DefaultName(action);

    /// <summary>E.g. "immediately", "after 2 hours, working hours only", "after the previous robot, then 1 day before Close date".</summary>
    public static string Timing(RobotTiming timing, IReadOnlyList<RobotFieldInfo> fields)
    {
        var parts = new List<string>();
        if (timing.AfterPrevious) parts.Add("after the previous robot");
        var when = timing.Kind switch
        {
            RobotTimingKind.After => $"after {Amount(timing)}",
            RobotTimingKind.AtField when timing.Amount == 0 => $"at {Label(timing.FieldCode, fields)}",
            RobotTimingKind.AtField => $"{Amount(timing)} {(timing.Before ? "before" : "after")} {Label(timing.FieldCode, fields)}",
            _ => timing.AfterPrevious ? null : "immediately",
        };
        if (when is not null) parts.Add(parts.Count > 0 ? "then " + when : when);
        if (timing.WorkingHoursOnly) parts.Add("working hours only");
        return string.Join(", ", parts);
    }

    /// <summary>E.g. "if Amount > 1000 and Stage is one of New, Won"; empty when the robot always runs.</summary>
    public static string Condition(RobotCondition? condition, IReadOnlyList<RobotFieldInfo> fields)
    {
        if (condition is not { Rules.Count: > 0 }) return "";
        var joint = condition.Match == ConditionMatch.Any ? " or " : " and ";
        return "if " + string.Join(joint, condition.Rules.Select(r => Rule(r, fields)));
    }

    public static string Operator(ConditionOperator op) => op switch
    {
        ConditionOperator.Equals => "=",
        ConditionOperator.NotEquals => "≠",
        ConditionOperator.Contains => "contains",
        ConditionOperator.NotContains => "does not contain",
        ConditionOperator.Empty => "is empty",
        ConditionOperator.NotEmpty => "is not empty",
        ConditionOperator.Greater => ">",
        ConditionOperator.GreaterOrEqual => "≥",
        ConditionOperator.Less => "<",
        ConditionOperator.LessOrEqual => "≤",
        ConditionOperator.In => "is one of",
        _ => op.ToString(),
    };

    public static string Unit(RobotTimeUnit unit, int amount) => (unit, amount == 1) switch
    {
        (RobotTimeUnit.Minutes, true) => "minute",
        (RobotTimeUnit.Minutes, false) => "minutes",
        (RobotTimeUnit.Hours, true) => "hour",
        (RobotTimeUnit.Hours, false) => "hours",
        (_, true) => "day",
        _ => "days",
    };

    private static string Amount(RobotTiming timing) => $"{timing.Amount.ToString(CultureInfo.InvariantCulture)} {Unit(timing.Unit, timing.Amount)}";

    private static string Rule(ConditionRule rule, IReadOnlyList<RobotFieldInfo> fields)
    {
        var field = fields.FirstOrDefault(f => string.Equals(f.Code, rule.FieldCode, StringComparison.OrdinalIgnoreCase));
        var label = field?.Label ?? rule.FieldCode;
        return rule.Operator switch
        {
            ConditionOperator.Empty or ConditionOperator.NotEmpty => $"{label} {Operator(rule.Operator)}",
            ConditionOperator.In => $"{label} {Operator(rule.Operator)} {string.Join(", ", (rule.Values ?? []).Select(v => ValueName(v, field)))}",
            _ => $"{label} {Operator(rule.Operator)} {ValueName(rule.Value ?? "", field)}",
        };
    }

    private static string ValueName(string value, RobotFieldInfo? field) =>
        field?.Items?.FirstOrDefault(i => i.Id == value)?.Name ?? value;

    private static string Label(string? code, IReadOnlyList<RobotFieldInfo> fields) =>
        fields.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.OrdinalIgnoreCase))?.Label ?? code ?? "?";
}
