using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Outbox;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Silo.Tests.Robots;

/// <summary>
/// A robot's effect run a second time for the same job, as after a crash between the effect and the
/// grain recording the run, makes nothing twice: the reserved id finds the comment, the dedupe key
/// finds the notification and the outbox message.
/// </summary>
public sealed class RobotEffectsTests(RobotRunWorld fixture) : IClassFixture<RobotRunWorld>
{
    private RobotWorld World => fixture.World;

    [Fact]
    public async Task Running_the_same_job_twice_creates_one_comment_one_notification_and_one_message()
    {
        var deal = await World.CreateDeal("Twice", World.Pipeline.Stages[5].Id);
        var services = World.Cluster.Silos[0].ServiceProvider;
        var effects = new RobotEffects(World.Client, services.GetRequiredService<IOutbox>(), services.GetRequiredService<INotificationStore>());
        var view = new RobotRecordView(new RecordRef("deal", deal.Id), new Dictionary<string, string> { ["title"] = "Twice" },
            RobotFieldCatalogue.Deal([]), World.UserId, "twice@client.test", null, null, []);
        var robots = new[]
        {
            new Robot("c", "Comment", RobotAction.AddComment, new RobotSettings(Text: "Once for {{title}}"), RobotTiming.Now),
            new Robot("n", "Notify", RobotAction.Notify, new RobotSettings(Text: "Once for {{title}}"), RobotTiming.Now),
            new Robot("m", "Mail", RobotAction.SendEmail, new RobotSettings(Subject: "Once", Body: "Once for {{title}}"), RobotTiming.Now),
        };
        foreach (var robot in robots)
        {
            var kind = RobotEffects.CreatedKind(robot.Action);
            var job = new RobotJob($"9-{robot.Id}", "S", robot, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, true,
                kind is null ? null : await effects.ReserveId(RobotWorld.PortalId, kind));
            await effects.Run(RobotWorld.PortalId, job, view, DateTimeOffset.UtcNow);
            await effects.Run(RobotWorld.PortalId, job, view, DateTimeOffset.UtcNow);
        }

        Assert.Equal(1, await World.Scalar($"SELECT count(*) FROM comments WHERE owner_kind = 'deal' AND owner_id = {deal.Id}"));
        Assert.Equal(1, await World.Scalar($"SELECT count(*) FROM notifications WHERE record_type = 'deal' AND record_id = {deal.Id}"));
        Assert.Single(await World.Outbox(deal.Id));
    }
}
