using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Silo.Tests.Robots;

/// <summary>Lead robots: a status is the lead's stage; a robot's move enters the next status and its robots run.</summary>
public sealed class LeadRobotTests(RobotRunWorld fixture) : IClassFixture<RobotRunWorld>
{
    private RobotWorld World => fixture.World;

    [Fact]
    public async Task A_new_leads_robots_run_and_a_move_robot_starts_the_next_statuss_robots()
    {
        var statuses = await World.Client.GetGrain<ICrmListsGrain>(RobotWorld.PortalId).GetLeadStatuses();
        var (first, second) = (statuses[0].Id, statuses[1].Id);
        var board = World.Client.GetGrain<IStageRobotsGrain>(RobotBoards.Leads(RobotWorld.PortalId));
        await board.Set(first, [
            new Robot("note", "Note", RobotAction.AddComment, new RobotSettings(Text: "Lead from {{email}} in {{status}}"), RobotTiming.Now),
            new Robot("tag", "Tag", RobotAction.SetField, new RobotSettings(FieldCode: "sourceDescription", Value: "robot saw {{firstName}}"), new RobotTiming(AfterPrevious: true)),
            new Robot("on", "On", RobotAction.MoveToStage, new RobotSettings(StageId: second), new RobotTiming(AfterPrevious: true))], World.UserId);
        await board.Set(second, [new Robot("sms", "SMS", RobotAction.SendSms, new RobotSettings(Body: "Hi {{firstName}}"), RobotTiming.Now)], World.UserId);
        try
        {
            var id = await World.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(RobotWorld.PortalId, "lead")).Next();
            var lead = World.Client.GetGrain<ILeadGrain>(GrainKeys.For(RobotWorld.PortalId, id));
            await lead.Create(new LeadFields("Web lead", World.UserId, FirstName: "Cid",
                Emails: [new ContactPoint("cid@client.test", ContactPointType.Work)]), null, World.UserId);

            await RobotWorld.Until(async () => await World.Scalar($"SELECT count(*) FROM lead_history WHERE lead_id = {id} AND changes @> '[{{\"field\":\"robot\"}}]'") == 4, "four robot versions");
            var stored = await lead.Get();
            Assert.Equal(second, stored.StatusId);
            Assert.Equal("robot saw Cid", stored.Fields.SourceDescription);
            Assert.Equal(1, await World.Scalar($"SELECT count(*) FROM comments WHERE owner_kind = 'lead' AND owner_id = {id} AND text = 'Lead from cid@client.test in {statuses[0].Name}'"));
            // The lead has no phone: the SMS robot fails, with why, and sends nothing.
            Assert.Equal(1, await World.Scalar($"SELECT count(*) FROM lead_history WHERE lead_id = {id} AND changes @> '[{{\"field\":\"robot\",\"old\":\"SMS\",\"new\":\"failed: the client has no phone number\"}}]'"));
            Assert.Equal(0, await World.Scalar($"SELECT count(*) FROM outbox WHERE record_type = 'lead' AND record_id = {id}"));
        }
        finally
        {
            await board.Set(first, [], World.UserId);
            await board.Set(second, [], World.UserId);
        }
    }
}
