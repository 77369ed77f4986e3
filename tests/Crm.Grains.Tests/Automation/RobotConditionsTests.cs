using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;
using static Crm.Grains.Tests.Automation.RobotTestData;
using Op = Crm.Grains.Interfaces.Automation.ConditionOperator;

namespace Crm.Grains.Tests.Automation;

public class RobotConditionsTests
{
    private static ConditionOutcome When(string field, Op op, string? value = null, IReadOnlyList<string>? values = null) =>
        RobotConditions.MatchesRule(new ConditionRule(field, op, value, values), Values, Catalogue);

    private static void Holds(string field, Op op, string? value = null, IReadOnlyList<string>? values = null) =>
        Assert.True(When(field, op, value, values).Matched, $"{field} {op} {value} should hold");

    private static string Fails(string field, Op op, string? value = null, IReadOnlyList<string>? values = null)
    {
        var outcome = When(field, op, value, values);
        Assert.False(outcome.Matched, $"{field} {op} {value} should not hold");
        return outcome.Reason!;
    }

    [Fact]
    public void Numbers_compare_numerically_not_as_text()
    {
        Holds("amount", Op.Greater, "1000");
        Holds("amount", Op.Less, "9000");
        Holds("amount", Op.Equals, "1500.5");
        Holds("amount", Op.GreaterOrEqual, "1500.50");
        Holds("amount", Op.LessOrEqual, "1500.5");
        Holds("amount", Op.NotEquals, "1500.51");
        Assert.Equal("amount 1500.50 is not greater than 2000", Fails("amount", Op.Greater, "2000"));
        Assert.Equal("amount 1500.50 is less than 1600", Fails("amount", Op.GreaterOrEqual, "1600"));
        Assert.Equal("amount 1500.50 is not less than 200", Fails("amount", Op.Less, "200"));
        Assert.Equal("amount 1500.50 is greater than 900", Fails("amount", Op.LessOrEqual, "900"));
        Assert.Equal("amount is 1500.50, not 200", Fails("amount", Op.Equals, "200"));
        Assert.Equal("amount is 1500.5", Fails("amount", Op.NotEquals, "1500.5"));
    }

    [Fact]
    public void Money_compares_its_amount()
    {
        Holds("UF_CRM_1", Op.Greater, "2000");
        Assert.Equal("Budget 2500.00 EUR is not less than 2500", Fails("UF_CRM_1", Op.Less, "2500"));
    }

    [Fact]
    public void Dates_and_instants_compare_in_time()
    {
        Holds("closeDate", Op.Less, "2026-07-01");
        Holds("closeDate", Op.Equals, "2026-06-30");
        Assert.Equal("closeDate 2026-06-30 is not greater than 2026-12-31", Fails("closeDate", Op.Greater, "2026-12-31"));
        Holds("createdAt", Op.Greater, "2026-05-04T06:00:00Z");
        Holds("createdAt", Op.Equals, "2026-05-04T08:15:00+02:00");
        Holds("UF_CRM_2", Op.GreaterOrEqual, "2026-07-15");
    }

    [Fact]
    public void Text_compares_ignoring_case()
    {
        Holds("title", Op.Equals, "BIG order");
        Holds("title", Op.Contains, "ORD");
        Holds("title", Op.NotContains, "small");
        Holds("title", Op.NotEquals, "Small order");
        Assert.Equal("title is 'Big order', not 'Small'", Fails("title", Op.Equals, "Small"));
        Assert.Equal("title 'Big order' does not contain 'tiny'", Fails("title", Op.Contains, "tiny"));
        Assert.Equal("title 'Big order' contains 'big'", Fails("title", Op.NotContains, "big"));
        Assert.Equal("title is 'big order'", Fails("title", Op.NotEquals, "big order"));
        Assert.Equal("comments is empty", RobotConditions.MatchesRule(new ConditionRule("comments", Op.Contains, "x"), RobotFieldValues.Of(Deal with { Comments = "" }), Catalogue).Reason);
    }

    [Fact]
    public void Empty_and_not_empty_treat_a_missing_custom_value_as_empty()
    {
        Holds("UF_CRM_7", Op.Empty);
        Holds("comments", Op.NotEmpty);
        Assert.Equal("Size is empty", Fails("UF_CRM_7", Op.NotEmpty));
        Assert.Equal("comments is not empty ('Call first')", Fails("comments", Op.Empty));
        Assert.Equal("Size is empty", Fails("UF_CRM_7", Op.Greater, "5"));
        Assert.Equal("Size is empty, not 5", Fails("UF_CRM_7", Op.Equals, "5"));
        Holds("UF_CRM_7", Op.NotEquals, "5");
    }

    [Fact]
    public void In_lists_and_booleans_compare_by_id_and_truth()
    {
        Holds("stageId", Op.In, values: ["c1:new", "C1:WORK"]);
        Assert.Equal("stageId 'C1:NEW' is not one of 'C1:WON', 'C1:LOSE'", Fails("stageId", Op.In, values: ["C1:WON", "C1:LOSE"]));
        Holds("amount", Op.In, values: ["100", "1500.5"]);
        Holds("UF_CRM_3", Op.Equals, "2");
        Holds("UF_CRM_4", Op.Equals, "true");
        Assert.Equal("Priority is true, not false", Fails("UF_CRM_4", Op.Equals, "false"));
        Holds("isClosed", Op.Equals, "false");
        Holds("responsibleId", Op.Equals, "7");
    }

    [Fact]
    public void All_needs_every_rule_and_reports_the_first_that_fails()
    {
        var condition = new RobotCondition(ConditionMatch.All,
            [new("amount", Op.Greater, "1000"), new("title", Op.Contains, "small"), new("closeDate", Op.Empty)]);
        var outcome = RobotConditions.Matches(condition, Values, Catalogue);
        Assert.False(outcome.Matched);
        Assert.Equal("title 'Big order' does not contain 'small'", outcome.Reason);
        Assert.True(RobotConditions.Matches(condition with { Rules = condition.Rules.Take(1).ToList() }, Values, Catalogue).Matched);
    }

    [Fact]
    public void Any_needs_one_rule_and_lists_every_miss_when_none_holds()
    {
        var condition = new RobotCondition(ConditionMatch.Any, [new("amount", Op.Greater, "5000"), new("title", Op.Contains, "order")]);
        Assert.True(RobotConditions.Matches(condition, Values, Catalogue).Matched);
        var none = condition with { Rules = [new("amount", Op.Greater, "5000"), new("UF_CRM_7", Op.NotEmpty)] };
        Assert.Equal("none holds: amount 1500.50 is not greater than 5000; Size is empty", RobotConditions.Matches(none, Values, Catalogue).Reason);
    }

    [Fact]
    public void No_condition_or_no_rules_always_holds()
    {
        Assert.True(RobotConditions.Matches(null, Values, Catalogue).Matched);
        Assert.True(RobotConditions.Matches(new RobotCondition(ConditionMatch.All, []), Values, Catalogue).Matched);
    }

    [Fact]
    public void A_field_deleted_since_the_robot_was_saved_compares_as_empty_text()
    {
        Assert.Equal("UF_CRM_99 is empty", Fails("UF_CRM_99", Op.NotEmpty));
    }
}
