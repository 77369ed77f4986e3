namespace Crm.Silo.Tests.Robots;

/// <summary>Robots waiting on two silos: losing one while they wait, each robot still runs, once (counted in the outbox and on the timelines).</summary>
public sealed class RobotSiloLossTests
{
    [Fact]
    public async Task Two_silos_run_each_of_forty_delayed_robots_once_even_when_one_silo_is_lost_while_they_wait()
    {
        await using var world = await RobotWorld.Start(silos: 2);
        await world.SetRobots(world.Pipeline.Stages[0].Id, RobotDurabilityTests.Mail("Offer {{title}}"));
        var contact = await RobotDurabilityTests.Contact(world, "many@client.test");
        var deals = new List<long>();
        for (var i = 0; i < 40; i++)
            deals.Add((await world.CreateDeal($"Deal {i}", contactIds: [contact])).Id);

        // The second silo dies without a goodbye: its deals and its share of the reminders must move to the first.
        await world.Cluster.KillSiloAsync(world.Cluster.Silos[1]);

        // A robot's e-mail is queued before its deal records the run: wait for both.
        await RobotWorld.Until(async () => await world.Scalar("SELECT count(*) FROM outbox") == 40
            && (await Task.WhenAll(deals.Select(world.RobotLines))).All(lines => lines.Any(Ran)), "forty e-mails and forty runs on the timelines", seconds: 240);
        Assert.Equal(40, await world.Scalar("SELECT count(DISTINCT record_id) FROM outbox WHERE record_type = 'deal'"));
        foreach (var id in deals)
            Assert.Single(await world.RobotLines(id), Ran);
    }

    private static bool Ran((string Robot, string Outcome) line) => line.Outcome.StartsWith("ran: ", StringComparison.Ordinal);
}
