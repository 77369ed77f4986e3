using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using static Crm.Grains.Tests.Automation.RobotTestData;
using Op = Crm.Grains.Interfaces.Automation.ConditionOperator;

namespace Crm.Grains.Tests.Automation;

public class RobotRulesTests
{
    /// <summary>A valid robot of each action, with every settings member filled so the check must drop those the action does not use.</summary>
    public static TheoryData<RobotAction, RobotSettings> ValidRobots => new()
    {
        { RobotAction.CreateActivity, new(ActivityType: ActivityType.Call, Subject: "Call {{title}}", Body: "About {{amount}}", DeadlineMinutes: 60, ToUserId: 4) },
        { RobotAction.CreateTask, new(Subject: "Prepare a quote", DeadlineMinutes: 1440) },
        { RobotAction.AddComment, new(Text: "Moved on by {{responsible}}.\nCheck the budget {{UF_CRM_1}}.") },
        { RobotAction.Notify, new(Text: "A big deal: {{title}}", ToUserId: 5) },
        { RobotAction.SendEmail, new(Subject: "Your order {{title}}", Body: "Hello,\nthank you.") },
        { RobotAction.SendSms, new(Body: "Thanks for your order {{id}}") },
        { RobotAction.SetField, new(FieldCode: "UF_CRM_3", Value: "north") },
        { RobotAction.SetResponsible, new(ResponsibleMode: ResponsibleMode.RoundRobin, DepartmentId: 10) },
        { RobotAction.MoveToStage, new(StageId: "C1:WORK") },
        { RobotAction.CreateDeal, new(PipelineId: 2, StageId: "C2:WORK", Title: "Follow-up: {{title}}") },
        { RobotAction.CallWebhook, new(Url: "https://hooks.example.com/crm?x=1") },
    };

    private static readonly RobotSettings Everything = new(ActivityType.Meeting, "s", "b", 5, 6, "t", "title", "v", ResponsibleMode.Fixed, 10, "C1:WORK", 2, "T", "https://x.example");

    private static CrmException Refused(RobotAction action, RobotSettings settings, RobotTiming? timing = null, RobotCondition? condition = null) =>
        Refusal(Robot(action, settings, timing, condition));

    private static void AssertRefused(string code, string field, RobotAction action, RobotSettings settings, RobotTiming? timing = null, RobotCondition? condition = null)
    {
        var e = Refused(action, settings, timing, condition);
        Assert.Equal((code, field), (e.Code, e.Field));
        Assert.Equal(CrmErrorKind.Invalid, e.Kind);
    }

    private static RobotCondition Where(string field, Op op, string? value = null, IReadOnlyList<string>? values = null) =>
        new(ConditionMatch.All, [new ConditionRule(field, op, value, values)]);

    [Theory]
    [MemberData(nameof(ValidRobots))]
    public void A_valid_robot_of_every_action_passes_and_keeps_its_settings(RobotAction action, RobotSettings settings)
    {
        var robot = Check(Robot(action, settings));
        Assert.Equal(action, robot.Action);
        Assert.Equal(RobotRules.DefaultName(action), robot.Name);
        Assert.Equal(RobotTiming.Now, robot.Timing);
        Assert.Null(robot.Condition);
    }

    [Fact]
    public void Settings_an_action_does_not_use_are_dropped()
    {
        Assert.Equal(new RobotSettings(Body: "b"), Check(Robot(RobotAction.SendSms, Everything)).Settings);
        Assert.Equal(new RobotSettings(StageId: "C1:WORK"), Check(Robot(RobotAction.MoveToStage, Everything)).Settings);
        Assert.Equal(new RobotSettings(ResponsibleMode: ResponsibleMode.Fixed, ToUserId: 6), Check(Robot(RobotAction.SetResponsible, Everything)).Settings);
        Assert.Equal(new RobotSettings(Url: "https://x.example/"), Check(Robot(RobotAction.CallWebhook, Everything)).Settings);
    }

    [Fact]
    public void Names_ids_and_texts_come_back_trimmed_and_field_codes_in_the_catalogues_spelling()
    {
        var robot = Check(new Robot(" call-1 ", "  Call the client ", RobotAction.SetField, new RobotSettings(FieldCode: "AMOUNT", Value: " 1,200.5 "),
            new RobotTiming(RobotTimingKind.AtField, 1, RobotTimeUnit.Days, "closedate", Before: true),
            new RobotCondition(ConditionMatch.Any, [new("Title", Op.Contains, " big "), new("UF_CRM_3", Op.Equals, "South"), new("isClosed", Op.Equals, "no")])));
        Assert.Equal("call-1", robot.Id);
        Assert.Equal("Call the client", robot.Name);
        Assert.Equal(new RobotSettings(FieldCode: "amount", Value: "1200.5"), robot.Settings);
        Assert.Equal("closeDate", robot.Timing.FieldCode);
        Assert.Equal([new ConditionRule("title", Op.Contains, "big"), new ConditionRule("UF_CRM_3", Op.Equals, "2"), new ConditionRule("isClosed", Op.Equals, "false")],
            robot.Condition!.Rules);
    }

    [Fact]
    public void Missing_settings_are_refused_naming_the_setting()
    {
        AssertRefused("setting_required", "settings.body", RobotAction.SendEmail, new(Subject: "Hi"));
        AssertRefused("setting_required", "settings.subject", RobotAction.SendEmail, new(Body: "Hi"));
        AssertRefused("setting_required", "settings.stageId", RobotAction.MoveToStage, new());
        AssertRefused("setting_required", "settings.body", RobotAction.SendSms, new(Body: "  "));
        AssertRefused("setting_required", "settings.text", RobotAction.AddComment, new());
        AssertRefused("setting_required", "settings.text", RobotAction.Notify, new(ToUserId: 4));
        AssertRefused("setting_required", "settings.activityType", RobotAction.CreateActivity, new(Subject: "s"));
        AssertRefused("setting_required", "settings.subject", RobotAction.CreateTask, new());
        AssertRefused("setting_required", "settings.fieldCode", RobotAction.SetField, new(Value: "x"));
        AssertRefused("setting_required", "settings.responsibleMode", RobotAction.SetResponsible, new(ToUserId: 4));
        AssertRefused("setting_required", "settings.toUserId", RobotAction.SetResponsible, new(ResponsibleMode: ResponsibleMode.Fixed));
        AssertRefused("setting_required", "settings.departmentId", RobotAction.SetResponsible, new(ResponsibleMode: ResponsibleMode.RoundRobin));
        AssertRefused("setting_required", "settings.pipelineId", RobotAction.CreateDeal, new(Title: "t"));
        AssertRefused("setting_required", "settings.title", RobotAction.CreateDeal, new(PipelineId: 1));
        AssertRefused("setting_required", "settings.url", RobotAction.CallWebhook, new());
        // JSON may leave the settings out altogether.
        AssertRefused("setting_required", "settings.text", RobotAction.AddComment, null!);
    }

    [Fact]
    public void Settings_that_point_nowhere_or_are_out_of_range_are_refused()
    {
        AssertRefused("unknown_stage", "settings.stageId", RobotAction.MoveToStage, new(StageId: "C2:NEW"));
        AssertRefused("move_to_own_stage", "settings.stageId", RobotAction.MoveToStage, new(StageId: "C1:NEW"));
        AssertRefused("unknown_pipeline", "settings.pipelineId", RobotAction.CreateDeal, new(PipelineId: 3, Title: "t"));
        AssertRefused("unknown_stage", "settings.stageId", RobotAction.CreateDeal, new(PipelineId: 2, StageId: "C1:NEW", Title: "t"));
        AssertRefused("unknown_department", "settings.departmentId", RobotAction.SetResponsible, new(ResponsibleMode: ResponsibleMode.RoundRobin, DepartmentId: 99));
        AssertRefused("unknown_responsible_mode", "settings.responsibleMode", RobotAction.SetResponsible, new(ResponsibleMode: (ResponsibleMode)7));
        AssertRefused("invalid_user", "settings.toUserId", RobotAction.Notify, new(Text: "t", ToUserId: -1));
        AssertRefused("invalid_deadline", "settings.deadlineMinutes", RobotAction.CreateTask, new(Subject: "s", DeadlineMinutes: 0));
        AssertRefused("invalid_deadline", "settings.deadlineMinutes", RobotAction.CreateTask, new(Subject: "s", DeadlineMinutes: 366 * 1440));
        AssertRefused("activity_type_task", "settings.activityType", RobotAction.CreateActivity, new(ActivityType: ActivityType.Task, Subject: "s"));
        AssertRefused("unknown_activity_type", "settings.activityType", RobotAction.CreateActivity, new(ActivityType: (ActivityType)9, Subject: "s"));
        AssertRefused("webhook_url_scheme", "settings.url", RobotAction.CallWebhook, new(Url: "ftp://example.com/x"));
        AssertRefused("webhook_url_invalid", "settings.url", RobotAction.CallWebhook, new(Url: "not an address"));
        foreach (var internalAddress in new[] { "http://127.0.0.1/hook", "http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data", "http://0177.0.0.1/hook", "http://[::1]/hook" })
            AssertRefused("webhook_url_ip_address", "settings.url", RobotAction.CallWebhook, new(Url: internalAddress));
        AssertRefused("unknown_action", "action", (RobotAction)99, new());
    }

    [Fact]
    public void Texts_are_bounded_and_subjects_are_one_line()
    {
        AssertRefused("text_too_long", "settings.subject", RobotAction.SendEmail, new(Subject: new string('s', 256), Body: "b"));
        AssertRefused("text_not_single_line", "settings.subject", RobotAction.SendEmail, new(Subject: "a\nb", Body: "b"));
        AssertRefused("text_too_long", "settings.body", RobotAction.SendSms, new(Body: new string('s', 1001)));
        AssertRefused("text_not_single_line", "settings.title", RobotAction.CreateDeal, new(PipelineId: 1, Title: "a\u0007"));
        AssertRefused("unknown_template_variable", "settings.subject", RobotAction.CreateTask, new(Subject: "{{nope}}"));
        AssertRefused("unknown_template_variable", "settings.text", RobotAction.AddComment, new(Text: "{{ stages }}"));
        AssertRefused("unknown_template_variable", "settings.title", RobotAction.CreateDeal, new(PipelineId: 1, Title: "{{UF_CRM_9}}"));
        AssertRefused("unknown_template_variable", "settings.value", RobotAction.SetField, new(FieldCode: "comments", Value: "{{x}}"));
    }

    [Fact]
    public void A_field_robots_set_must_exist_be_writable_and_take_a_value_of_its_kind()
    {
        AssertRefused("unknown_field", "settings.fieldCode", RobotAction.SetField, new(FieldCode: "nope", Value: "x"));
        AssertRefused("field_not_writable", "settings.fieldCode", RobotAction.SetField, new(FieldCode: "stageId", Value: "C1:WORK"));
        AssertRefused("field_not_writable", "settings.fieldCode", RobotAction.SetField, new(FieldCode: "createdAt", Value: "2026-01-01T00:00:00Z"));
        AssertRefused("invalid_field_value", "settings.value", RobotAction.SetField, new(FieldCode: "amount", Value: "lots"));
        AssertRefused("negative_amount", "settings.value", RobotAction.SetField, new(FieldCode: "amount", Value: "-5"));
        AssertRefused("invalid_field_value", "settings.value", RobotAction.SetField, new(FieldCode: "closeDate", Value: "30.06.2026"));
        AssertRefused("invalid_field_value", "settings.value", RobotAction.SetField, new(FieldCode: "currency", Value: "XYZ"));
        AssertRefused("invalid_field_value", "settings.value", RobotAction.SetField, new(FieldCode: "UF_CRM_3", Value: "East"));
        AssertRefused("invalid_field_value", "settings.value", RobotAction.SetField, new(FieldCode: "UF_CRM_5", Value: "javascript:alert(1)"));
        AssertRefused("field_value_required", "settings.value", RobotAction.SetField, new(FieldCode: "title", Value: ""));
        AssertRefused("text_not_single_line", "settings.value", RobotAction.SetField, new(FieldCode: "title", Value: "a\nb"));
    }

    [Fact]
    public void Field_values_come_back_canonical_and_text_fields_take_templates()
    {
        RobotSettings Set(string field, string? value) => Check(Robot(RobotAction.SetField, new(FieldCode: field, Value: value))).Settings;
        Assert.Equal("EUR", Set("currency", "eur").Value);
        Assert.Equal("2026-07-01", Set("closeDate", "2026-07-01").Value);
        Assert.Equal("", Set("closeDate", null).Value);
        Assert.Equal("2500.00|USD", Set("UF_CRM_1", "2500|usd").Value);
        Assert.Equal("true", Set("UF_CRM_4", "yes").Value);
        Assert.Equal("Was: {{title}}\nsee {{UF_CRM_5}}", Set("comments", "Was: {{title}}\nsee {{UF_CRM_5}}").Value);
        Assert.Equal("https://example.com/{{id}}", Set("UF_CRM_5", "https://example.com/{{id}}").Value);
        var lead = RobotRules.Check(Robot(RobotAction.SetField, new(FieldCode: "sourceId", Value: "web")), RobotFieldCatalogue.Lead([]), Targets);
        Assert.Equal("WEB", lead.Settings.Value);
    }

    [Fact]
    public void Conditions_need_known_fields_fitting_operators_and_values_of_the_fields_kind()
    {
        var settings = new RobotSettings(Text: "t");
        void Bad(string code, string field, RobotCondition condition) => AssertRefused(code, field, RobotAction.AddComment, settings, condition: condition);
        Bad("unknown_field", "condition.rules[0].fieldCode", Where("nope", Op.Equals, "1"));
        Bad("operator_not_for_field", "condition.rules[0].operator", Where("amount", Op.Contains, "1"));
        Bad("operator_not_for_field", "condition.rules[0].operator", Where("title", Op.Greater, "a"));
        Bad("operator_not_for_field", "condition.rules[0].operator", Where("UF_CRM_4", Op.In, values: ["true"]));
        Bad("operator_not_for_field", "condition.rules[0].operator", Where("stageId", Op.Less, "C1:WON"));
        Bad("unknown_operator", "condition.rules[0].operator", Where("title", (Op)42, "a"));
        Bad("invalid_condition_value", "condition.rules[0].value", Where("amount", Op.Greater, "a lot"));
        Bad("invalid_condition_value", "condition.rules[0].value", Where("closeDate", Op.Less, "tomorrow"));
        Bad("invalid_condition_value", "condition.rules[0].value", Where("createdAt", Op.Less, "yesterday"));
        Bad("invalid_condition_value", "condition.rules[0].value", Where("UF_CRM_3", Op.Equals, "East"));
        Bad("invalid_condition_value", "condition.rules[0].value", Where("responsibleId", Op.Equals, "anna"));
        Bad("invalid_condition_value", "condition.rules[0].value", Where("isClosed", Op.Equals, "maybe"));
        Bad("condition_value_required", "condition.rules[0].value", Where("title", Op.Equals));
        Bad("condition_value_required", "condition.rules[0].values", Where("stageId", Op.In));
        Bad("invalid_condition_value", "condition.rules[0].values", Where("amount", Op.In, values: ["1", "x"]));
        Bad("too_many_condition_values", "condition.rules[0].values", Where("amount", Op.In, values: Enumerable.Range(1, 51).Select(i => $"{i}").ToList()));
        Bad("too_many_condition_rules", "condition.rules", new RobotCondition(ConditionMatch.All, Enumerable.Repeat(new ConditionRule("title", Op.NotEmpty), 21).ToList()));
        Bad("unknown_condition_match", "condition.match", new RobotCondition((ConditionMatch)5, [new ConditionRule("title", Op.NotEmpty)]));
        var second = new RobotCondition(ConditionMatch.All, [new("title", Op.NotEmpty), new("amount", Op.Greater, "x")]);
        Bad("invalid_condition_value", "condition.rules[1].value", second);
    }

    [Fact]
    public void Condition_values_come_back_canonical_and_empty_checks_carry_no_value()
    {
        var robot = Check(Robot(RobotAction.AddComment, new(Text: "t"), condition: new RobotCondition(ConditionMatch.All,
        [
            new("amount", Op.GreaterOrEqual, "1,000.50"), new("createdAt", Op.Less, "2026-05-04T10:00:00+02:00"),
            new("comments", Op.Empty, "ignored", ["ignored"]), new("stageId", Op.In, null, ["C1:NEW", "C1:NEW", "C1:WORK"]),
        ])));
        Assert.Equal([
            new ConditionRule("amount", Op.GreaterOrEqual, "1000.50"), new ConditionRule("createdAt", Op.Less, "2026-05-04T08:00:00Z"),
            new ConditionRule("comments", Op.Empty)], robot.Condition!.Rules.Take(3));
        Assert.Equal(["C1:NEW", "C1:WORK"], robot.Condition.Rules[3].Values!);
        Assert.Null(Check(Robot(RobotAction.AddComment, new(Text: "t"), condition: new RobotCondition(ConditionMatch.Any, []))).Condition);
    }

    [Fact]
    public void Delays_must_be_positive_and_at_most_a_year()
    {
        var settings = new RobotSettings(Text: "t");
        void Bad(RobotTiming timing, string field = "timing.amount", string code = "delay_out_of_range") =>
            AssertRefused(code, field, RobotAction.AddComment, settings, timing);
        Bad(new RobotTiming(RobotTimingKind.After, 0, RobotTimeUnit.Minutes));
        Bad(new RobotTiming(RobotTimingKind.After, -5, RobotTimeUnit.Hours));
        Bad(new RobotTiming(RobotTimingKind.After, 366, RobotTimeUnit.Days));
        Bad(new RobotTiming(RobotTimingKind.After, 365 * 24 + 1, RobotTimeUnit.Hours));
        Bad(new RobotTiming(RobotTimingKind.After, int.MaxValue, RobotTimeUnit.Days));
        Bad(new RobotTiming(RobotTimingKind.AtField, -1, RobotTimeUnit.Days, "closeDate"));
        Bad(new RobotTiming(RobotTimingKind.AtField, 400, RobotTimeUnit.Days, "closeDate", Before: true));
        Bad(new RobotTiming((RobotTimingKind)9), "timing.kind", "unknown_timing");
        Bad(new RobotTiming(RobotTimingKind.After, 5, (RobotTimeUnit)9), "timing.unit", "unknown_time_unit");
        Assert.Equal(365, Check(Robot(RobotAction.AddComment, settings, new RobotTiming(RobotTimingKind.After, 365, RobotTimeUnit.Days))).Timing.Amount);
    }

    [Fact]
    public void A_robot_runs_at_a_field_only_if_it_is_a_known_date_field()
    {
        var settings = new RobotSettings(Text: "t");
        AssertRefused("timing_field_not_date", "timing.fieldCode", RobotAction.AddComment, settings, new RobotTiming(RobotTimingKind.AtField, FieldCode: "title"));
        AssertRefused("timing_field_not_date", "timing.fieldCode", RobotAction.AddComment, settings, new RobotTiming(RobotTimingKind.AtField, FieldCode: "UF_CRM_7"));
        AssertRefused("unknown_field", "timing.fieldCode", RobotAction.AddComment, settings, new RobotTiming(RobotTimingKind.AtField, FieldCode: "deadline"));
        AssertRefused("timing_field_required", "timing.fieldCode", RobotAction.AddComment, settings, new RobotTiming(RobotTimingKind.AtField));
        Assert.Equal("UF_CRM_2", Check(Robot(RobotAction.AddComment, settings, new RobotTiming(RobotTimingKind.AtField, FieldCode: "uf_crm_2"))).Timing.FieldCode);
        Assert.Equal("createdAt", Check(Robot(RobotAction.AddComment, settings, new RobotTiming(RobotTimingKind.AtField, 2, RobotTimeUnit.Hours, "createdAt"))).Timing.FieldCode);
    }

    [Fact]
    public void Timing_members_the_kind_does_not_use_are_reset()
    {
        var settings = new RobotSettings(Text: "t");
        var immediate = Check(Robot(RobotAction.AddComment, settings, new RobotTiming(RobotTimingKind.Immediately, 5, RobotTimeUnit.Days, "closeDate", true, true, true)));
        Assert.Equal(new RobotTiming(AfterPrevious: true, WorkingHoursOnly: true), immediate.Timing);
        var after = Check(Robot(RobotAction.AddComment, settings, new RobotTiming(RobotTimingKind.After, 2, RobotTimeUnit.Hours, "closeDate", true)));
        Assert.Equal(new RobotTiming(RobotTimingKind.After, 2, RobotTimeUnit.Hours), after.Timing);
        Assert.Equal(RobotTiming.Now, Check(Robot(RobotAction.AddComment, settings) with { Timing = null! }).Timing);
    }

    [Fact]
    public void Ids_and_names_are_checked()
    {
        var valid = Robot(RobotAction.AddComment, new(Text: "t"));
        Assert.Equal(("robot_id_required", "id"), Code(valid with { Id = " " }));
        Assert.Equal(("robot_id_invalid", "id"), Code(valid with { Id = "a b" }));
        Assert.Equal(("robot_id_invalid", "id"), Code(valid with { Id = new string('a', 33) }));
        Assert.Equal(("name_too_long", "name"), Code(valid with { Name = new string('n', 101) }));
        Assert.Equal(("name_not_single_line", "name"), Code(valid with { Name = "a\nb" }));

        static (string, string?) Code(Robot robot) { var e = Refusal(robot); return (e.Code, e.Field); }
    }

    [Fact]
    public void The_users_a_robot_names_are_listed_for_the_directory_check()
    {
        Assert.Equal([4], RobotRules.UserIds(Check(Robot(RobotAction.CreateTask, new(Subject: "s", ToUserId: 4))), Catalogue));
        Assert.Equal([8], RobotRules.UserIds(Check(Robot(RobotAction.SetField, new(FieldCode: "UF_CRM_6", Value: "8"))), Catalogue));
        Assert.Empty(RobotRules.UserIds(Check(Robot(RobotAction.Notify, new(Text: "t"))), Catalogue));
    }
}
