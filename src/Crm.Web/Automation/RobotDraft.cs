using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Web.Automation;

/// <summary>
/// A robot while the editor's dialog changes it: every setting of every action stays editable, so
/// switching the action back and forth loses nothing; <see cref="ToRobot"/> sends them all and the
/// robots grain keeps only those the action uses.
/// </summary>
public sealed class RobotDraft
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public RobotAction Action { get; set; } = RobotAction.Notify;

    public ActivityType ActivityType { get; set; } = ActivityType.Call;
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public int? DeadlineMinutes { get; set; }
    public int? ToUserId { get; set; }
    public string? Text { get; set; }
    public string? FieldCode { get; set; }
    public string? Value { get; set; }
    public ResponsibleMode ResponsibleMode { get; set; } = ResponsibleMode.Fixed;
    public int? DepartmentId { get; set; }
    public string? StageId { get; set; }
    public long? PipelineId { get; set; }
    public string? Title { get; set; }
    public string? Url { get; set; }

    public RobotTimingKind TimingKind { get; set; } = RobotTimingKind.Immediately;
    public int Amount { get; set; } = 1;
    public RobotTimeUnit Unit { get; set; } = RobotTimeUnit.Hours;
    public string? TimingFieldCode { get; set; }
    public bool Before { get; set; }
    public bool AfterPrevious { get; set; }
    public bool WorkingHoursOnly { get; set; }

    public ConditionMatch Match { get; set; } = ConditionMatch.All;
    public List<ConditionRuleDraft> Rules { get; set; } = [];

    public static RobotDraft From(Robot robot)
    {
        var s = robot.Settings ?? new RobotSettings();
        var t = robot.Timing ?? RobotTiming.Now;
        return new RobotDraft
        {
            Id = robot.Id, Name = robot.Name, Action = robot.Action,
            ActivityType = s.ActivityType ?? ActivityType.Call, Subject = s.Subject, Body = s.Body, DeadlineMinutes = s.DeadlineMinutes,
            ToUserId = s.ToUserId, Text = s.Text, FieldCode = s.FieldCode, Value = s.Value, ResponsibleMode = s.ResponsibleMode ?? ResponsibleMode.Fixed,
            DepartmentId = s.DepartmentId, StageId = s.StageId, PipelineId = s.PipelineId, Title = s.Title, Url = s.Url,
            TimingKind = t.Kind, Amount = t.Kind == RobotTimingKind.Immediately ? 1 : t.Amount, Unit = t.Kind == RobotTimingKind.Immediately ? RobotTimeUnit.Hours : t.Unit,
            TimingFieldCode = t.FieldCode, Before = t.Before, AfterPrevious = t.AfterPrevious, WorkingHoursOnly = t.WorkingHoursOnly,
            Match = robot.Condition?.Match ?? ConditionMatch.All,
            Rules = robot.Condition?.Rules.Select(ConditionRuleDraft.From).ToList() ?? [],
        };
    }

    public Robot ToRobot() => new(Id, Name,
        Action,
        new RobotSettings(ActivityType, Subject, Body, DeadlineMinutes, ToUserId, Text, FieldCode, Value, ResponsibleMode, DepartmentId, StageId, PipelineId, Title, Url),
        new RobotTiming(TimingKind, Amount, Unit, TimingFieldCode, Before, AfterPrevious, WorkingHoursOnly),
        Rules.Count == 0 ? null : new RobotCondition(Match, Rules.Select(r => r.ToRule()).ToList()));
}

/// <summary>One rule of a condition being edited; "one of" values are typed separated by commas or chosen from the field's items.</summary>
public sealed class ConditionRuleDraft
{
    public string FieldCode { get; set; } = "";
    public ConditionOperator Operator { get; set; } = ConditionOperator.Equals;
    public string? Value { get; set; }
    public IReadOnlyCollection<string> Values { get; set; } = [];

    public static ConditionRuleDraft From(ConditionRule rule) =>
        new() { FieldCode = rule.FieldCode, Operator = rule.Operator, Value = rule.Value, Values = rule.Values?.ToList() ?? [] };

    public ConditionRule ToRule() => Operator switch
    {
        ConditionOperator.Empty or ConditionOperator.NotEmpty => new ConditionRule(FieldCode, Operator),
        ConditionOperator.In => new ConditionRule(FieldCode, Operator, Values: Values.Select(v => v.Trim()).Where(v => v.Length > 0).ToList()),
        _ => new ConditionRule(FieldCode, Operator, Value ?? ""),
    };
}
