using Crm.Grains.Automation.Triggers;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Tests.Automation.Triggers;

public class TriggerChoiceTests
{
    private static readonly IReadOnlyList<string> Order = ["NEW", "PREPARATION", "EXECUTING", "WON", "LOSE"];
    private static readonly CustomerEvent Email = new(TriggerKind.IncomingEmail, Email: "ann@client.test");

    private static Dictionary<string, IReadOnlyList<Trigger>> Board(params (string Stage, Trigger Trigger)[] triggers) =>
        triggers.GroupBy(t => t.Stage).ToDictionary(g => g.Key, g => (IReadOnlyList<Trigger>)g.Select(t => t.Trigger).ToList());

    private static Trigger OnEmail(string id, bool allowBack = false) => new(id, id, TriggerKind.IncomingEmail, allowBack);

    [Fact]
    public void Of_several_matching_stages_the_furthest_forward_wins()
    {
        var pick = TriggerChoice.Pick(Order, "NEW", Board(("PREPARATION", OnEmail("a")), ("WON", OnEmail("c")), ("EXECUTING", OnEmail("b"))), Email);
        Assert.Equal(("WON", "c", null), (pick.StageId, pick.Trigger?.Id, pick.Reason));
    }

    [Fact]
    public void An_earlier_stage_is_refused_unless_its_trigger_allows_going_back()
    {
        var forwardOnly = TriggerChoice.Pick(Order, "EXECUTING", Board(("NEW", OnEmail("a"))), Email);
        Assert.Equal(("NEW", "a", "the trigger only moves records forward"), (forwardOnly.StageId, forwardOnly.Trigger?.Id, forwardOnly.Reason));

        var back = TriggerChoice.Pick(Order, "EXECUTING", Board(("NEW", OnEmail("a", allowBack: true))), Email);
        Assert.Equal(("NEW", null), (back.StageId, back.Reason));
    }

    [Fact]
    public void A_forward_stage_beats_a_backward_one_that_is_allowed()
    {
        var pick = TriggerChoice.Pick(Order, "PREPARATION", Board(("NEW", OnEmail("back", allowBack: true)), ("EXECUTING", OnEmail("fwd"))), Email);
        Assert.Equal("fwd", pick.Trigger?.Id);
    }

    [Fact]
    public void The_records_own_stage_and_unmatched_events_say_why_nothing_moves()
    {
        Assert.Equal("the record is in that stage already", TriggerChoice.Pick(Order, "EXECUTING", Board(("EXECUTING", OnEmail("a"))), Email).Reason);
        var none = TriggerChoice.Pick(Order, "NEW", Board(("WON", new Trigger("c", "call", TriggerKind.IncomingCall))), Email);
        Assert.Equal((null, "no trigger on the record's board waits for this event"), (none.Trigger, none.Reason));
    }

    [Fact]
    public void Triggers_left_on_a_deleted_stage_are_ignored()
    {
        var pick = TriggerChoice.Pick(Order, "NEW", Board(("GONE", OnEmail("old")), ("PREPARATION", OnEmail("a"))), Email);
        Assert.Equal("PREPARATION", pick.StageId);
    }

    [Fact]
    public void Settings_decide_which_trigger_of_a_kind_matches()
    {
        var hook = new CustomerEvent(TriggerKind.Webhook, new RecordRef("deal", 1), Code: "paid");
        Assert.True(TriggerMatch.Matches(new Trigger("a", "", TriggerKind.Webhook, Code: "PAID"), hook));
        Assert.False(TriggerMatch.Matches(new Trigger("a", "", TriggerKind.Webhook, Code: "unpaid"), hook));
        Assert.False(TriggerMatch.Matches(new Trigger("a", "", TriggerKind.IncomingCall), hook));

        var form = new CustomerEvent(TriggerKind.WebForm, FormId: "contact-us");
        Assert.True(TriggerMatch.Matches(new Trigger("a", "", TriggerKind.WebForm), form));
        Assert.False(TriggerMatch.Matches(new Trigger("a", "", TriggerKind.WebForm, FormId: "survey"), form));

        var chat = new CustomerEvent(TriggerKind.ChatMessage, Channel: "site");
        Assert.True(TriggerMatch.Matches(new Trigger("a", "", TriggerKind.ChatMessage, Channel: "SITE"), chat));
        Assert.False(TriggerMatch.Matches(new Trigger("a", "", TriggerKind.ChatMessage, Channel: "telegram"), chat));
        // A first-message trigger waits for a conversation's first message; an every-message one takes any.
        var firstOnly = new Trigger("a", "", TriggerKind.ChatMessage, FirstMessageOnly: true);
        Assert.False(TriggerMatch.Matches(firstOnly, chat));
        Assert.True(TriggerMatch.Matches(firstOnly, chat with { FirstMessage = true }));
        Assert.True(TriggerMatch.Matches(new Trigger("a", "", TriggerKind.ChatMessage), chat with { FirstMessage = true }));

        var won = new CustomerEvent(TriggerKind.DealStage, new RecordRef("deal", 5), StageId: "WON");
        var onWon = new Trigger("a", "", TriggerKind.DealStage, PipelineId: 1, StageId: "WON");
        Assert.True(TriggerMatch.Matches(onWon, won, sourcePipelineId: 1));
        Assert.False(TriggerMatch.Matches(onWon, won, sourcePipelineId: 2));
        Assert.False(TriggerMatch.Matches(onWon with { StageId = "LOSE" }, won, sourcePipelineId: 1));
    }
}
