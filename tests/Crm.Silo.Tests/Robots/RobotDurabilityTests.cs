using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Portals;
using Crm.Silo.Tests.Outbox;

namespace Crm.Silo.Tests.Robots;

/// <summary>A robot that waits survives the whole cluster stopping: it still runs at its time, once.</summary>
public sealed class RobotDurabilityTests
{
    private static readonly RobotTiming OneMinute = new(RobotTimingKind.After, 1, RobotTimeUnit.Minutes);

    internal static Robot Mail(string subject) =>
        new("mail", "Follow-up mail", RobotAction.SendEmail, new RobotSettings(Subject: subject, Body: "Dear {{responsible}}'s client, about {{title}}."), OneMinute);

    internal static async Task<long> Contact(RobotWorld world, string email)
    {
        var id = await world.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(RobotWorld.PortalId, "contact")).Next();
        await world.Client.GetGrain<IContactGrain>(GrainKeys.For(RobotWorld.PortalId, id))
            .Create(new ContactFields("Bea", world.UserId, Emails: [new ContactPoint(email, ContactPointType.Work)]), [], world.UserId);
        return id;
    }

    [Fact]
    public async Task A_delayed_email_robot_is_sent_by_smtp_exactly_once_after_the_whole_cluster_was_stopped_between_scheduling_and_sending()
    {
        await using var smtp = new TestSmtpServer();
        await using var world = await RobotWorld.Start(smtp.Settings());
        await world.SetRobots(world.Pipeline.Stages[0].Id, Mail("Reminder: {{title}}"));
        var deal = await world.CreateDeal("Boiler", contactIds: [await Contact(world, "bea@client.test")]);
        Assert.Empty(await world.Outbox(deal.Id));

        // Everything in memory goes: the scheduled robot lives on only in the deal's stored state and its reminder.
        await world.StopCluster();
        await world.StartCluster();

        await RobotWorld.Until(() => Task.FromResult(!smtp.Accepted.IsEmpty), "the robot's e-mail", seconds: 180);
        await RobotWorld.Until(async () => (await world.Outbox(deal.Id)) is [{ Status: "sent" }], "the outbox row marked sent");
        var mail = Assert.Single(smtp.Accepted);
        Assert.Equal(["<bea@client.test>"], mail.To);
        Assert.Equal("Reminder: Boiler", mail.Header("Subject"));
        Assert.Contains("Dear Ann's client, about Boiler.", mail.Raw);
        Assert.True(mail.At >= deal.CreatedAt.AddMinutes(1), $"sent at {mail.At:O}, before its time {deal.CreatedAt.AddMinutes(1):O}");
        await RobotWorld.Until(async () => (await world.RobotLines(deal.Id)).Count == 1, "the run on the timeline");
        Assert.StartsWith("ran: e-mail to bea@client.test", (await world.RobotLines(deal.Id))[0].Outcome);
        await RobotWorld.Until(async () => await world.Scalar($"SELECT count(*) FROM orleansreminderstable WHERE grainid = 'robot-alarm/deal/{RobotWorld.PortalId}/{deal.Id}'") == 0, "the reminder dropped");
        Assert.Single(smtp.Accepted);
    }
}
