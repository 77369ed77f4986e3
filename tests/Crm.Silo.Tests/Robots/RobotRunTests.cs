using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Portals;

namespace Crm.Silo.Tests.Robots;

/// <summary>One silo on a database of its own, shared by <see cref="RobotRunTests"/>; each test uses its own pipeline.</summary>
public sealed class RobotRunWorld : IAsyncLifetime
{
    public RobotWorld World { get; private set; } = default!;

    public async Task InitializeAsync() => World = await RobotWorld.Start();

    public async Task DisposeAsync() => await World.DisposeAsync();
}

/// <summary>
/// Deal robots run by the deal grain: on entering a stage, in list order and along chains, each run,
/// skip or failure on the timeline; leaving a stage cancels what is still owed.
/// </summary>
public sealed class RobotRunTests(RobotRunWorld fixture) : IClassFixture<RobotRunWorld>
{
    private RobotWorld World => fixture.World;

    private static Robot Robot(string id, RobotAction action, RobotSettings settings, RobotTiming? timing = null, RobotCondition? condition = null) =>
        new(id, id, action, settings, timing ?? RobotTiming.Now, condition);

    private static readonly RobotTiming Chained = new(AfterPrevious: true);

    [Fact]
    public async Task Robots_of_the_first_stage_run_when_a_deal_is_created_each_with_its_timeline_line()
    {
        var stage = World.Pipeline.Stages[0].Id;
        await World.SetRobots(stage,
            Robot("greet", RobotAction.AddComment, new(Text: "Welcome {{title}}")),
            Robot("tell", RobotAction.Notify, new(Text: "New deal {{title}} for {{responsible}}")),
            Robot("call", RobotAction.CreateTask, new(Subject: "Call about {{title}}", DeadlineMinutes: 60)));
        try
        {
            var deal = await World.CreateDeal("Boiler");

            await RobotWorld.Until(async () => (await World.RobotLines(deal.Id)).Count == 3, "three robot lines");
            var lines = await World.RobotLines(deal.Id);
            Assert.Equal(["greet", "tell", "call"], lines.Select(l => l.Robot));
            Assert.All(lines, l => Assert.StartsWith("ran: ", l.Outcome));
            Assert.Equal(1, await World.Scalar($"SELECT count(*) FROM comments WHERE owner_kind = 'deal' AND owner_id = {deal.Id} AND text = 'Welcome Boiler' AND created_by = 0"));
            Assert.Equal(1, await World.Scalar($"SELECT count(*) FROM notifications WHERE record_type = 'deal' AND record_id = {deal.Id} AND user_id = {World.UserId} AND text = 'New deal Boiler for Ann'"));
            Assert.Equal(1, await World.Scalar($"SELECT count(*) FROM activities WHERE owner_kind = 'deal' AND owner_id = {deal.Id} AND subject = 'Call about Boiler'"));
            Assert.Equal(4, (await World.Deal(deal.Id).Get()).Version);
        }
        finally
        {
            await World.SetRobots(stage);
        }
    }

    [Fact]
    public async Task A_chain_of_three_runs_in_order()
    {
        var stage = World.Pipeline.Stages[1].Id;
        await World.SetRobots(stage,
            Robot("a", RobotAction.SetField, new(FieldCode: "comments", Value: "{{comments}}A")),
            Robot("b", RobotAction.SetField, new(FieldCode: "comments", Value: "{{comments}}B"), Chained),
            Robot("c", RobotAction.SetField, new(FieldCode: "comments", Value: "{{comments}}C"), Chained));
        try
        {
            var deal = await World.CreateDeal("Chain", stage);

            await RobotWorld.Until(async () => (await World.RobotLines(deal.Id)).Count == 3, "three robot lines");
            Assert.Equal("ABC", (await World.Deal(deal.Id).Get()).Comments);
            Assert.Equal(["a", "b", "c"], (await World.RobotLines(deal.Id)).Select(l => l.Robot));
        }
        finally
        {
            await World.SetRobots(stage);
        }
    }

    [Fact]
    public async Task Leaving_the_stage_cancels_a_delayed_robot_and_re_entering_schedules_it_afresh()
    {
        var (first, second) = (World.Pipeline.Stages[2].Id, World.Pipeline.Stages[3].Id);
        await World.SetRobots(first, Robot("later", RobotAction.Notify, new(Text: "Still here?"), new RobotTiming(RobotTimingKind.After, 2, RobotTimeUnit.Days)));
        try
        {
            var deal = await World.CreateDeal("Wanderer", first);
            Assert.Equal(1, await Reminders(deal.Id));

            var moved = await World.Deal(deal.Id).Move(second, null, null, World.UserId);
            Assert.Equal([("later", $"cancelled: the record left {first}")], await World.RobotLines(deal.Id));
            Assert.Equal(0, await Reminders(deal.Id));

            moved = await World.Deal(moved.Id).Move(first, null, null, World.UserId);
            Assert.Equal(1, await Reminders(deal.Id));
            await World.Deal(moved.Id).Move(second, null, null, World.UserId);
            Assert.Equal(2, (await World.RobotLines(deal.Id)).Count);
            Assert.Equal(0, await World.Scalar($"SELECT count(*) FROM notifications WHERE record_type = 'deal' AND record_id = {deal.Id}"));
        }
        finally
        {
            await World.SetRobots(first);
        }
    }

    [Fact]
    public async Task A_robot_whose_condition_fails_is_skipped_and_a_failed_action_is_recorded_with_why()
    {
        var stage = World.Pipeline.Stages[4].Id;
        var big = new RobotCondition(ConditionMatch.All, [new ConditionRule("amount", ConditionOperator.Greater, "1000")]);
        await World.SetRobots(stage,
            Robot("big", RobotAction.AddComment, new(Text: "Big one"), condition: big),
            Robot("mail", RobotAction.SendEmail, new(Subject: "Hi", Body: "Hello")));
        try
        {
            var deal = await World.CreateDeal("Small", stage);

            await RobotWorld.Until(async () => (await World.RobotLines(deal.Id)).Count == 2, "two robot lines");
            var lines = await World.RobotLines(deal.Id);
            Assert.Equal(("big", "skipped: amount 100 is not greater than 1000"), lines[0]);
            Assert.Equal(("mail", "failed: the client has no e-mail address"), lines[1]);
            Assert.Empty(await World.Outbox(deal.Id));
            Assert.Equal(0, await World.Scalar($"SELECT count(*) FROM comments WHERE owner_kind = 'deal' AND owner_id = {deal.Id}"));
        }
        finally
        {
            await World.SetRobots(stage);
        }
    }

    [Fact]
    public async Task An_email_robot_writes_the_templated_message_to_the_outbox_for_the_deals_contact_and_a_move_robot_enters_the_next_stage()
    {
        var pipeline = await World.Client.GetGrain<IPortalGrain>(RobotWorld.PortalId).CreatePipeline("Mail", [], World.UserId);
        var robots = World.Client.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(RobotWorld.PortalId, pipeline.Id));
        await robots.Set(pipeline.Stages[0].Id, [
            Robot("mail", RobotAction.SendEmail, new(Subject: "Offer: {{title}}", Body: "Dear client, {{title}} costs {{amount}} ({{stage}}).")),
            Robot("on", RobotAction.MoveToStage, new(StageId: pipeline.Stages[1].Id), Chained)], World.UserId);
        await robots.Set(pipeline.Stages[1].Id, [Robot("note", RobotAction.AddComment, new(Text: "Offer sent"))], World.UserId);

        var contactId = await World.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(RobotWorld.PortalId, "contact")).Next();
        await World.Client.GetGrain<IContactGrain>(GrainKeys.For(RobotWorld.PortalId, contactId))
            .Create(new ContactFields("Bea", World.UserId, LastName: "Client", Emails: [new ContactPoint("bea@client.test", ContactPointType.Work)]), [], World.UserId);
        var dealId = await World.Client.GetGrain<IRecordIdGrain>(GrainKeys.For(RobotWorld.PortalId, "deal")).Next();
        await World.Deal(dealId).Create(new Grains.Interfaces.Deals.NewDeal(pipeline.Id,
            new Grains.Interfaces.Deals.DealFields("Heat pump", 4200, "EUR", World.UserId, ContactIds: [contactId])), World.UserId);

        await RobotWorld.Until(async () => (await World.RobotLines(dealId)).Count == 3, "three robot lines");
        var mail = Assert.Single(await World.Outbox(dealId));
        Assert.Equal(("email", "bea@client.test", "Offer: Heat pump", $"Dear client, Heat pump costs 4200 ({pipeline.Stages[0].Name}).", $"robot:deal:{dealId}:1-mail"),
            (mail.Kind, mail.Recipient, mail.Subject, mail.Body, mail.Key));
        Assert.Equal(pipeline.Stages[1].Id, (await World.Deal(dealId).Get()).StageId);
        Assert.Equal(["mail", "on", "note"], (await World.RobotLines(dealId)).Select(l => l.Robot));
    }

    [Fact]
    public async Task A_round_robin_robot_gives_new_deals_to_the_departments_active_members_in_turn()
    {
        var bo = (int)await World.Scalar("INSERT INTO users (portal_id, email, normalized_email, display_name, security_stamp) VALUES (1, 'bo@t', 'BO@T', 'Bo', 's') RETURNING id");
        var cy = (int)await World.Scalar("INSERT INTO users (portal_id, email, normalized_email, display_name, security_stamp) VALUES (1, 'cy@t', 'CY@T', 'Cy', 's') RETURNING id");
        var gone = (int)await World.Scalar("INSERT INTO users (portal_id, email, normalized_email, display_name, security_stamp) VALUES (1, 'gone@t', 'GONE@T', 'Gone', 's') RETURNING id");
        var access = World.Client.GetGrain<Grains.Interfaces.Access.IAccessGrain>(RobotWorld.PortalId);
        await access.Initialize(World.UserId);
        var sales = await access.SaveDepartment(new Grains.Interfaces.Access.Department(0, "Sales", null, null, [bo, cy, gone]), World.UserId);
        var stage = World.Pipeline.Stages[5].Id;
        await World.SetRobots(stage, Robot("share", RobotAction.SetResponsible, new(ResponsibleMode: ResponsibleMode.RoundRobin, DepartmentId: sales.Id)));
        // A member who leaves the company takes no more turns.
        await World.Scalar($"UPDATE users SET is_active = false WHERE id = {gone} RETURNING 0");
        try
        {
            var owners = new List<int>();
            for (var i = 0; i < 3; i++)
            {
                // One after the other, so the turns are taken in this order.
                var id = (await World.CreateDeal($"Shared {i}", stage)).Id;
                await RobotWorld.Until(async () => (await World.RobotLines(id)).Count == 1, $"the robot of deal {id}");
                owners.Add((await World.Deal(id).Get()).ResponsibleId);
            }
            Assert.Equal([bo, cy, bo], owners);
        }
        finally
        {
            await World.SetRobots(stage);
        }
    }

    private Task<long> Reminders(long dealId) =>
        World.Scalar($"SELECT count(*) FROM orleansreminderstable WHERE grainid = 'robot-alarm/deal/{RobotWorld.PortalId}/{dealId}' AND remindername = 'robots'");
}
