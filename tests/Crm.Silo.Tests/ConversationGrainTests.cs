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

    [Fact]
    public async Task A_first_message_retried_after_the_conversation_failed_to_store_makes_one_lead_and_one_conversation()
    {
        var visitorKey = $"site:{Guid.NewGuid():N}";
        var visitor = fixture.Client.GetGrain<IChatVisitorGrain>(GrainKeys.For(ClusterFixture.PortalId, visitorKey));
        await using var db = fixture.Database();
        // The database refuses this visitor's conversation (the lead is already made by then), once.
        await using (await RefusedStateWrites.Where(db,
            $"NEW.graintypestring = 'conversation' AND position(convert_to('{visitorKey}', 'UTF8') IN NEW.payloadbinary) > 0"))
            await Assert.ThrowsAnyAsync<Exception>(() => visitor.Say("site", new VisitorMessage("Is the roof still for sale?", Name: "Una Retry")));

        var retried = await visitor.Say("site", new VisitorMessage("Is the roof still for sale?", Name: "Una Retry"));
        var again = await visitor.Say("site", new VisitorMessage("Hello?", Name: "Una Retry"));

        Assert.Equal(retried.Id, again.Id);
        Assert.Equal(["Is the roof still for sale?", "Hello?"], again.Messages.Select(m => m.Text));
        await using var leads = db.CreateCommand($"SELECT array_agg(id) FROM leads WHERE portal_id = {ClusterFixture.PortalId} AND first_name = 'Una' AND last_name = 'Retry'");
        Assert.Equal([retried.Record!.Id], (long[])(await leads.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_first_message_retried_after_the_visitor_failed_to_store_its_conversation_finds_that_conversation()
    {
        var visitorKey = $"site:{Guid.NewGuid():N}";
        var visitor = fixture.Client.GetGrain<IChatVisitorGrain>(GrainKeys.For(ClusterFixture.PortalId, visitorKey));
        await using var db = fixture.Database();
        // The conversation opens and makes its lead; then the database refuses the visitor's note of it, once.
        await using (await RefusedStateWrites.Where(db, $"""
            NEW.graintypestring = 'chat-visitor' AND NEW.grainidextensionstring LIKE '%{visitorKey}'
                AND position(convert_to('"ConversationId":null', 'UTF8') IN NEW.payloadbinary) = 0
            """))
            await Assert.ThrowsAnyAsync<Exception>(() => visitor.Say("site", new VisitorMessage("Do you deliver on Sundays?", Name: "Lou Lost")));

        var retried = await visitor.Say("site", new VisitorMessage("Do you deliver on Sundays?", Name: "Lou Lost"));

        Assert.Equal(["Do you deliver on Sundays?"], retried.Messages.Select(m => m.Text));
        await using var count = db.CreateCommand($"""
            SELECT (SELECT count(*) FROM leads WHERE portal_id = {ClusterFixture.PortalId} AND first_name = 'Lou' AND last_name = 'Lost'),
                   (SELECT count(*) FROM chat_conversations WHERE portal_id = {ClusterFixture.PortalId} AND visitor_key = '{visitorKey}')
            """);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((1L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
    }
}
