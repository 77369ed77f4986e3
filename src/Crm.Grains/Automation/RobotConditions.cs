using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>
/// Evaluates a robot's condition against a record's values (<see cref="RobotFieldValues"/>), by the
/// kind of each field: numbers and money numerically, dates and instants in time, everything else as
/// text ignoring case. A missing value is empty. A field deleted since the robot was saved compares
/// as text. Every "no" carries the reason, because a skipped robot is recorded on the timeline with why.
/// </summary>
public static class RobotConditions
{
    public static ConditionOutcome Matches(RobotCondition? condition, IReadOnlyDictionary<string, string> values, RobotFieldCatalogue catalogue)
    {
        if (condition is null || condition.Rules.Count == 0) return ConditionOutcome.Yes;
        var outcomes = condition.Rules.Select(r => MatchesRule(r, values, catalogue));
        if (condition.Match == ConditionMatch.Any)
        {
            var misses = new List<string>();
            foreach (var outcome in outcomes)
            {
                if (outcome.Matched) return ConditionOutcome.Yes;
                misses.Add(outcome.Reason!);
            }
            return ConditionOutcome.No(misses.Count == 1 ? misses[0] : "none holds: " + string.Join("; ", misses));
        }
        return outcomes.FirstOrDefault(o => !o.Matched) ?? ConditionOutcome.Yes;
    }

    public static ConditionOutcome MatchesRule(ConditionRule rule, IReadOnlyDictionary<string, string> values, RobotFieldCatalogue catalogue)
    {
        var field = catalogue.Find(rule.FieldCode) ?? new RobotField(rule.FieldCode, rule.FieldCode, RobotFieldKind.Text);
        var kind = field.Kind;
        var actual = (values.TryGetValue(field.Code, out var v) ? v : "").Trim();
        var expected = rule.Value?.Trim() ?? "";
        var name = field.ReasonName;
        var shown = Show(kind, actual);
        var wanted = Show(kind, expected);

        ConditionOutcome Check(bool holds, string reason) => holds ? ConditionOutcome.Yes : ConditionOutcome.No(reason);

        switch (rule.Operator)
        {
            case ConditionOperator.Empty:
                return Check(actual.Length == 0, $"{name} is not empty ({shown})");
            case ConditionOperator.NotEmpty:
                return Check(actual.Length > 0, $"{name} is empty");
            case ConditionOperator.Equals:
                return Check(actual.Length > 0 && RobotValueText.Compare(kind, actual, expected) == 0,
                    actual.Length == 0 ? $"{name} is empty, not {wanted}" : $"{name} is {shown}, not {wanted}");
            case ConditionOperator.NotEquals:
                return Check(actual.Length == 0 || RobotValueText.Compare(kind, actual, expected) != 0, $"{name} is {wanted}");
            case ConditionOperator.Contains:
                return Check(actual.Contains(expected, StringComparison.OrdinalIgnoreCase),
                    actual.Length == 0 ? $"{name} is empty" : $"{name} {shown} does not contain {wanted}");
            case ConditionOperator.NotContains:
                return Check(!actual.Contains(expected, StringComparison.OrdinalIgnoreCase), $"{name} {shown} contains {wanted}");
            case ConditionOperator.In:
                var options = rule.Values ?? [];
                return Check(actual.Length > 0 && options.Any(o => RobotValueText.Compare(kind, actual, o.Trim()) == 0),
                    $"{name} {(actual.Length == 0 ? "is empty, not" : shown + " is not")} one of {string.Join(", ", options.Select(o => Show(kind, o.Trim())))}");
            default:
                if (actual.Length == 0) return ConditionOutcome.No($"{name} is empty");
                if (RobotValueText.Compare(kind, actual, expected) is not { } order)
                    return ConditionOutcome.No($"{name} {shown} cannot be compared with {wanted}");
                return rule.Operator switch
                {
                    ConditionOperator.Greater => Check(order > 0, $"{name} {shown} is not greater than {wanted}"),
                    ConditionOperator.GreaterOrEqual => Check(order >= 0, $"{name} {shown} is less than {wanted}"),
                    ConditionOperator.Less => Check(order < 0, $"{name} {shown} is not less than {wanted}"),
                    ConditionOperator.LessOrEqual => Check(order <= 0, $"{name} {shown} is greater than {wanted}"),
                    _ => ConditionOutcome.No($"{name}: unknown operator {rule.Operator}"),
                };
        }
    }

    /// <summary>Numbers and dates as they are, text in quotes (so "is 'A B', not 'C'" reads unambiguously), shortened.</summary>
    private static string Show(RobotFieldKind kind, string value)
    {
        var text = value.Length <= 60 ? value : value[..60] + "…";
        if (kind == RobotFieldKind.Money) text = text.Replace('|', ' ');
        return RobotValueText.IsOrdered(kind) || kind is RobotFieldKind.Boolean or RobotFieldKind.User ? text : $"'{text}'";
    }
}
