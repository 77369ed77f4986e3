using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;
using static Crm.Grains.Tests.Automation.RobotTestData;

namespace Crm.Grains.Tests.Automation;

public class RobotStageTests
{
    private static Robot Comment(string id, bool afterPrevious = false, string name = "") =>
        new(id, name, RobotAction.AddComment, new RobotSettings(Text: "t"), new RobotTiming(AfterPrevious: afterPrevious));

    private static IReadOnlyList<Robot> CheckStage(params Robot[] robots) => RobotRules.CheckStage(robots, Catalogue, Targets);

    [Fact]
    public void A_stage_keeps_its_robots_in_order_and_gives_ids_to_robots_without_one()
    {
        var robots = CheckStage(Comment(""), Comment("r1"), Comment("  "), Comment("R3"), Comment(""));
        Assert.Equal(["r2", "r1", "r4", "R3", "r5"], robots.Select(r => r.Id));
        Assert.Empty(RobotRules.CheckStage(null, Catalogue, Targets));
    }

    [Fact]
    public void Robot_ids_are_unique_within_a_stage_ignoring_case()
    {
        var e = Assert.Throws<CrmException>(() => CheckStage(Comment("a"), Comment("A")));
        Assert.Equal(("duplicate_robot_id", "robots[1].id"), (e.Code, e.Field));
    }

    [Fact]
    public void A_stage_holds_at_most_fifty_robots()
    {
        Assert.Equal(50, CheckStage(Enumerable.Range(1, 50).Select(i => Comment($"r{i}")).ToArray()).Count);
        var e = Assert.Throws<CrmException>(() => CheckStage(Enumerable.Range(1, 51).Select(i => Comment($"r{i}")).ToArray()));
        Assert.Equal(("too_many_robots", "robots"), (e.Code, e.Field));
    }

    [Fact]
    public void An_error_names_the_robot_and_its_position()
    {
        var bad = Comment("b", name: "Say hello") with { Settings = new RobotSettings(Text: "{{nope}}") };
        var e = Assert.Throws<CrmException>(() => CheckStage(Comment("a"), bad));
        Assert.Equal(("unknown_template_variable", "robots[1].settings.text"), (e.Code, e.Field));
        Assert.StartsWith("Robot 2 ('Say hello'):", e.Message);
    }

    [Fact]
    public void A_first_robot_marked_after_previous_is_kept_and_starts_on_entering_the_stage()
    {
        var robots = CheckStage(Comment("a", afterPrevious: true), Comment("b"));
        Assert.True(robots[0].Timing.AfterPrevious);
        Assert.Equal(["a", "b"], RobotChain.Starting(robots).Select(r => r.Id));
        Assert.Null(RobotChain.WaitsFor(robots, "a"));
    }

    [Fact]
    public void A_chained_robot_waits_for_the_robot_just_before_it_and_starts_when_that_one_has_run()
    {
        // a and c start on entering; b waits for a; d waits for c; e waits for d.
        var robots = CheckStage(Comment("a"), Comment("b", true), Comment("c"), Comment("d", true), Comment("e", true));
        Assert.Equal(["a", "c"], RobotChain.Starting(robots).Select(r => r.Id));
        Assert.Equal("a", RobotChain.WaitsFor(robots, "b")?.Id);
        Assert.Equal("c", RobotChain.WaitsFor(robots, "D")?.Id);
        Assert.Null(RobotChain.WaitsFor(robots, "c"));
        Assert.Equal("b", RobotChain.Next(robots, "a")?.Id);
        Assert.Null(RobotChain.Next(robots, "b"));
        Assert.Equal("e", RobotChain.Next(robots, "d")?.Id);
        Assert.Null(RobotChain.Next(robots, "e"));
        Assert.Null(RobotChain.Next(robots, "zz"));
    }
}
