using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using static Crm.Grains.Automation.RobotLimits;

namespace Crm.Grains.Automation;

/// <summary>
/// Checks the settings of one action and returns only the members that action uses (the others
/// null), trimmed and canonical. Errors name the member as settings.&lt;name&gt;.
/// </summary>
public static class RobotSettingsRules
{
    public static RobotSettings Check(RobotAction action, RobotSettings? settings, RobotFieldCatalogue catalogue, RobotTargets targets)
    {
        var s = settings ?? new RobotSettings();
        string? Line(string? text, string member, int max, bool required = true) =>
            RobotTextRules.Template(text, $"settings.{member}", max, multiLine: false, required, catalogue);
        string? Lines(string? text, string member, int max, bool required = true) =>
            RobotTextRules.Template(text, $"settings.{member}", max, multiLine: true, required, catalogue);

        return action switch
        {
            RobotAction.CreateActivity => new RobotSettings(ActivityType: ActivityKind(s.ActivityType),
                Subject: Line(s.Subject, "subject", MaxSubjectLength), Body: Lines(s.Body, "body", MaxTextLength, required: false),
                DeadlineMinutes: Deadline(s.DeadlineMinutes), ToUserId: User(s.ToUserId, required: false)),
            RobotAction.CreateTask => new RobotSettings(
                Subject: Line(s.Subject, "subject", MaxSubjectLength), Body: Lines(s.Body, "body", MaxTextLength, required: false),
                DeadlineMinutes: Deadline(s.DeadlineMinutes), ToUserId: User(s.ToUserId, required: false)),
            RobotAction.AddComment => new RobotSettings(Text: Lines(s.Text, "text", MaxTextLength)),
            RobotAction.Notify => new RobotSettings(Text: Lines(s.Text, "text", MaxTextLength), ToUserId: User(s.ToUserId, required: false)),
            RobotAction.SendEmail => new RobotSettings(Subject: Line(s.Subject, "subject", MaxSubjectLength), Body: Lines(s.Body, "body", MaxEmailBodyLength)),
            RobotAction.SendSms => new RobotSettings(Body: Lines(s.Body, "body", MaxSmsLength)),
            RobotAction.SetField => SetField(s, catalogue),
            RobotAction.SetResponsible => SetResponsible(s, targets),
            RobotAction.MoveToStage => new RobotSettings(StageId: Stage(s.StageId, targets)),
            RobotAction.CreateDeal => CreateDeal(s, targets, Line(s.Title, "title", MaxSubjectLength)!),
            RobotAction.CallWebhook => new RobotSettings(Url: Url(s.Url)),
            _ => throw CrmException.Invalid("unknown_action", $"'{action}' is not a robot action.", "action"),
        };
    }

    private static ActivityType ActivityKind(ActivityType? type) => type switch
    {
        null => throw Required("activityType"),
        ActivityType.Task => throw CrmException.Invalid("activity_type_task", "A task is set with the CreateTask action.", "settings.activityType"),
        { } t when Enum.IsDefined(t) => t,
        _ => throw CrmException.Invalid("unknown_activity_type", $"'{type}' is not an activity type.", "settings.activityType"),
    };

    private static int? Deadline(int? minutes) => minutes is null or (> 0 and <= (int)MaxMinutes) ? minutes
        : throw CrmException.Invalid("invalid_deadline", $"A deadline is 1 minute to {MaxMinutes / 1440} days after the robot runs.", "settings.deadlineMinutes");

    private static int? User(int? userId, bool required) => userId switch
    {
        null when required => throw Required("toUserId"),
        null or > 0 => userId,
        _ => throw CrmException.Invalid("invalid_user", $"{userId} is not a user id.", "settings.toUserId"),
    };

    private static RobotSettings SetField(RobotSettings s, RobotFieldCatalogue catalogue)
    {
        if (string.IsNullOrWhiteSpace(s.FieldCode)) throw Required("fieldCode");
        var field = catalogue.Find(s.FieldCode)
            ?? throw CrmException.Invalid("unknown_field", $"'{s.FieldCode}' is not a {catalogue.RecordKind} field.", "settings.fieldCode");
        if (!field.Writable)
            throw CrmException.Invalid("field_not_writable", $"Robots cannot set {field.Code}.", "settings.fieldCode");
        return new RobotSettings(FieldCode: field.Code, Value: RobotValueRules.FieldValue(field, s.Value, catalogue, "settings.value"));
    }

    private static RobotSettings SetResponsible(RobotSettings s, RobotTargets targets) => s.ResponsibleMode switch
    {
        null => throw Required("responsibleMode"),
        ResponsibleMode.Fixed => new RobotSettings(ResponsibleMode: ResponsibleMode.Fixed, ToUserId: User(s.ToUserId, required: true)),
        ResponsibleMode.RoundRobin => new RobotSettings(ResponsibleMode: ResponsibleMode.RoundRobin, DepartmentId: s.DepartmentId switch
        {
            null => throw Required("departmentId"),
            { } d when targets.DepartmentIds.Contains(d) => d,
            _ => throw CrmException.Invalid("unknown_department", $"There is no department {s.DepartmentId}.", "settings.departmentId"),
        }),
        _ => throw CrmException.Invalid("unknown_responsible_mode", $"'{s.ResponsibleMode}' is not a way to choose a responsible.", "settings.responsibleMode"),
    };

    private static string Stage(string? stageId, RobotTargets targets)
    {
        var stage = stageId?.Trim() ?? "";
        if (stage.Length == 0) throw Required("stageId");
        if (!targets.StageIds.Contains(stage))
            throw CrmException.Invalid("unknown_stage", $"'{stage}' is not a stage the record can move to.", "settings.stageId");
        if (stage == targets.StageId)
            throw CrmException.Invalid("move_to_own_stage", "A robot cannot move a record to the stage it belongs to.", "settings.stageId");
        return stage;
    }

    private static RobotSettings CreateDeal(RobotSettings s, RobotTargets targets, string title)
    {
        if (s.PipelineId is not { } pipeline) throw Required("pipelineId");
        if (!targets.DealPipelines.TryGetValue(pipeline, out var stages))
            throw CrmException.Invalid("unknown_pipeline", $"There is no pipeline {pipeline}.", "settings.pipelineId");
        var stage = string.IsNullOrWhiteSpace(s.StageId) ? null : s.StageId.Trim();
        if (stage is not null && !stages.Contains(stage))
            throw CrmException.Invalid("unknown_stage", $"'{stage}' is not a stage of pipeline {pipeline}.", "settings.stageId");
        return new RobotSettings(PipelineId: pipeline, StageId: stage, Title: title);
    }

    // IP literals in any notation are refused here (the author learns it now); names are judged again
    // when the webhook is sent, against the addresses they resolve to then.
    private static string Url(string? url) => string.IsNullOrWhiteSpace(url) ? throw Required("url")
        : Outbox.WebhookUrlRules.Check(url, "settings.url").AbsoluteUri;

    private static CrmException Required(string member) =>
        CrmException.Invalid("setting_required", $"'settings.{member}' is required for this action.", $"settings.{member}");
}
