using Crm.Grains.Interfaces.Chat;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Leads;

namespace Crm.Silo.Tests;

/// <summary>Chat conversations in a real cluster on PostgreSQL: a visitor's messages, however many arrive at once, make one conversation and one lead.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    private IChatVisitorGrain NewVisitor() =>
        fixture.Client.GetGrain<IChatVisitorGrain>(GrainKeys.For(ClusterFixture.PortalId, $"site:{Guid.NewGuid():N}"));

    [Fact]
    public async Task Concurrent_first_messages_of_one_visitor_open_one_conversation_with_one_lead()
    {
        var visitor = NewVisitor();
        var sent = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => visitor.Say("site", new VisitorMessage($"Message {i}", Name: "Rita Rush"))));

        Assert.Single(sent.Select(c => c.Id).Distinct());
        var conversation = (await visitor.Current())!;
        Assert.Equal(10, conversation.Messages.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), conversation.Messages.Select(m => m.Id));
        Assert.Equal("lead", conversation.Record!.Kind);
        var lead = await fixture.Client.GetGrain<ILeadGrain>(GrainKeys.For(ClusterFixture.PortalId, conversation.Record.Id)).Get();
        Assert.Equal(("CHAT", "Rita", "Rush"), (lead.Fields.SourceId, lead.Fields.FirstName, lead.Fields.LastName));
    }

    [Fact]
    public async Task A_closed_conversation_takes_no_more_messages_and_the_visitors_next_one_opens_another_conversation()
    {
        var visitor = NewVisitor();
        var first = await visitor.Say("site", new VisitorMessage("Hello"));
        var conversation = fixture.Client.GetGrain<IConversationGrain>(GrainKeys.For(ClusterFixture.PortalId, first.Id));
        await conversation.Close(fixture.UserId);
        Assert.Equal("conversation_closed", (await Assert.ThrowsAsync<CrmException>(() => conversation.OperatorSays("late", fixture.UserId))).Code);

        var next = await visitor.Say("site", new VisitorMessage("Back again"));
        Assert.NotEqual(first.Id, next.Id);
        Assert.Equal("message_required", (await Assert.ThrowsAsync<CrmException>(() => visitor.Say("site", new VisitorMessage(" ")))).Code);
        Assert.Single((await visitor.Current())!.Messages);
    }
}
