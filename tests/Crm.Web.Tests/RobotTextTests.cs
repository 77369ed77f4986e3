using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Automation;

namespace Crm.Web.Tests;

/// <summary>How the robot editor words robots, turns its drafts into robots and back, and places a refusal at the robot's member.</summary>
public sealed class RobotTextTests
{
    private static readonly IReadOnlyList<RobotFieldInfo> Fields =
    [
        new("amount", "Amount", RobotFieldKind.Number, true, false, false, [], null),
        new("closeDate", "Close date", RobotFieldKind.Date, true, false, false, [], null),
        new("stageId", "Stage", RobotFieldKind.List, false, false, false, [], [new ListItem("C1:NEW", "New"), new ListItem("C1:WON", "Won")]),
        new("title", "Title", RobotFieldKind.Text, true, true, false, [], null),
    ];

    [Theory]
    [InlineData(RobotTimingKind.Immediately, 0, RobotTimeUnit.Minutes, false, false, false, "immediately")]
    [InlineData(RobotTimingKind.After, 2, RobotTimeUnit.Hours, false, false, true, "after 2 hours, working hours only")]
    [InlineData(RobotTimingKind.After, 1, RobotTimeUnit.Days, false, false, false, "after 1 day")]
    [InlineData(RobotTimingKind.AtField, 1, RobotTimeUnit.Days, true, false, false, "1 day before Close date")]
    [InlineData(RobotTimingKind.AtField, 0, RobotTimeUnit.Minutes, false, false, false, "at Close date")]
    [InlineData(RobotTimingKind.Immediately, 0, RobotTimeUnit.Minutes, false, true, false, "after the previous robot")]
    [InlineData(RobotTimingKind.After, 30, RobotTimeUnit.Minutes, false, true, true, "after the previous robot, then after 30 minutes, working hours only")]
    public void Timing_reads_as_a_phrase(RobotTimingKind kind, int amount, RobotTimeUnit unit, bool before, bool afterPrevious, bool workingHours, string expected) =>
        Assert.Equal(expected, RobotText.Timing(new RobotTiming(kind, amount, unit, kind == RobotTimingKind.AtField ? "closeDate" : null, before, afterPrevious, workingHours), Fields));

    [Fact]
    public void Conditions_use_labels_and_item_names_and_join_with_and_or_or()
    {
        var all = new RobotCondition(ConditionMatch.All, [new ConditionRule("amount", ConditionOperator.Greater, "1000"), new ConditionRule("stageId", ConditionOperator.In, Values: ["C1:NEW", "C1:WON"])]);
        Assert.Equal("if Amount > 1000 and Stage is one of New, Won", RobotText.Condition(all, Fields));
        var any = new RobotCondition(ConditionMatch.Any, [new ConditionRule("title", ConditionOperator.Empty), new ConditionRule("title", ConditionOperator.Contains, "vip")]);
        Assert.Equal("if Title is empty or Title contains vip", RobotText.Condition(any, Fields));
        Assert.Equal("", RobotText.Condition(null, Fields));
    }

    [Fact]
    public void A_robot_survives_the_draft_round_trip_and_empty_rules_mean_no_condition()
    {
        var robot = new Robot("r1", "Mail", RobotAction.SendEmail, new RobotSettings(Subject: "Hi {{title}}", Body: "b"),
            new RobotTiming(RobotTimingKind.AtField, 2, RobotTimeUnit.Days, "closeDate", Before: true, WorkingHoursOnly: true),
            new RobotCondition(ConditionMatch.Any, [new ConditionRule("stageId", ConditionOperator.In, Values: ["C1:NEW"]), new ConditionRule("title", ConditionOperator.NotEmpty)]));
        var back = RobotDraft.From(robot).ToRobot();
        Assert.Equal(robot.Id, back.Id);
        Assert.Equal(robot.Timing, back.Timing);
        Assert.Equal("Hi {{title}}", back.Settings.Subject);
        Assert.Equal(ConditionMatch.Any, back.Condition!.Match);
        Assert.Equal(["C1:NEW"], back.Condition.Rules[0].Values!);
        Assert.Null(back.Condition.Rules[1].Value);

        var draft = RobotDraft.From(robot);
        draft.Rules.Clear();
        Assert.Null(draft.ToRobot().Condition);
    }

    [Theory]
    [InlineData("robots[3].settings.url", "settings.url")]
    [InlineData("robots[0].condition.rules[1].value", "condition.rules[1].value")]
    [InlineData("robots[12]", "")]
    [InlineData("robots", "robots")]
    [InlineData(null, null)]
    public void A_refusal_of_the_list_names_the_member_of_the_robot(string? field, string? member) =>
        Assert.Equal(member, RobotErrorField.Member(field));
}
