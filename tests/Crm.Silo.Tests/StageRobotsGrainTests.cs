using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;

namespace Crm.Silo.Tests;

/// <summary>The robots of a board's stages: checked when saved, stored in order, kept across deactivation; a refusal stores nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StageRobotsGrainTests(ClusterFixture fixture) : IAsyncLifetime
{
    // A pipeline of its own: robots on the shared pipeline would run on the other tests' deals.
    private Pipeline _pipeline = default!;

    public async Task InitializeAsync() =>
        _pipeline = await fixture.Client.GetGrain<IPortalGrain>(ClusterFixture.PortalId).CreatePipeline("Robots", [], fixture.UserId);

    public Task DisposeAsync() => Task.CompletedTask;

    private IStageRobotsGrain Deals => fixture.Client.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(ClusterFixture.PortalId, _pipeline.Id));

    private Task<IReadOnlyList<Stage>> Stages() => Task.FromResult(_pipeline.Stages);

    [Fact]
    public async Task A_stages_robots_are_stored_in_order_and_survive_deactivation()
    {
        var stages = await Stages();
        var robots = new Robot[]
        {
            new("", "", RobotAction.AddComment, new RobotSettings(Text: "Entered {{title}}"), RobotTiming.Now),
            new("late", "Nudge", RobotAction.Notify, new RobotSettings(Text: "Look at {{title}}"), new RobotTiming(RobotTimingKind.After, 2, RobotTimeUnit.Days, AfterPrevious: true)),
            new("move", "Move on", RobotAction.MoveToStage, new RobotSettings(StageId: stages[1].Id), new RobotTiming(RobotTimingKind.After, 30)),
        };

        var saved = await Deals.Set(stages[0].Id, robots, fixture.UserId);
        await fixture.Cluster.DeactivateAsync(Deals);
        await fixture.Cluster.WaitForDeactivationAsync(Deals);

        Assert.Equal(saved, await Deals.Get(stages[0].Id));
        Assert.Equal(["r1", "late", "move"], saved.Select(r => r.Id));
        Assert.Equal("Add a comment", saved[0].Name);
        Assert.Empty(await Deals.Get(stages[1].Id));
    }

    [Fact]
    public async Task A_bad_robot_an_unknown_stage_or_an_unknown_user_is_refused_and_nothing_changes()
    {
        var stages = await Stages();
        var good = new Robot("keep", "Keep", RobotAction.AddComment, new RobotSettings(Text: "ok"), RobotTiming.Now);
        await Deals.Set(stages[2].Id, [good], fixture.UserId);

        var badTemplate = good with { Settings = new RobotSettings(Text: "{{nonsense}}") };
        var badDelay = good with { Timing = new RobotTiming(RobotTimingKind.After, 400, RobotTimeUnit.Days) };
        var badUser = new Robot("n", "Notify", RobotAction.Notify, new RobotSettings(Text: "x", ToUserId: 987654), RobotTiming.Now);
        foreach (var (robots, code) in new[] { (new[] { badTemplate }, "unknown_template_variable"), (new[] { badDelay }, "delay_out_of_range"), (new[] { badUser }, "unknown_user") })
        {
            var refusal = await Assert.ThrowsAsync<CrmException>(() => Deals.Set(stages[2].Id, robots, fixture.UserId));
            Assert.Equal(CrmErrorKind.Invalid, refusal.Kind);
            Assert.Equal(code, refusal.Code);
        }
        var unknownStage = await Assert.ThrowsAsync<CrmException>(() => Deals.Set("C999:NOPE", [good], fixture.UserId));
        Assert.Equal("stage_not_found", unknownStage.Code);

        Assert.Equal([good], await Deals.Get(stages[2].Id));
        Assert.DoesNotContain("C999:NOPE", (await Deals.GetAll()).Keys);
    }
}
