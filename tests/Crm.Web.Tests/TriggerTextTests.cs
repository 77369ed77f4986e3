using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Automation;

namespace Crm.Web.Tests;

/// <summary>How the automation editor words triggers, builds the webhook call to copy, and turns its drafts into triggers and back.</summary>
public sealed class TriggerTextTests
{
    private static readonly IReadOnlyList<PipelineChoice> Pipelines =
        [new PipelineChoice(7, "Sales", [new ListItem("C7:NEW", "New"), new ListItem("C7:WON", "Deal won")])];

    [Theory]
    [InlineData(TriggerKind.IncomingEmail, null, null, null, null, null, "Incoming e-mail from the client")]
    [InlineData(TriggerKind.IncomingCall, null, null, null, null, null, "Incoming call from the client")]
    [InlineData(TriggerKind.Webhook, "paid", null, null, null, null, "Webhook with code paid")]
    [InlineData(TriggerKind.DealStage, null, 7L, "C7:WON", null, null, "Deal in Sales reaches Deal won")]
    [InlineData(TriggerKind.DealStage, null, 9L, "C9:NEW", null, null, "Deal in pipeline 9 reaches C9:NEW")]
    [InlineData(TriggerKind.WebForm, null, null, null, "contact-us", null, "Web form contact-us filled in by the client")]
    [InlineData(TriggerKind.WebForm, null, null, null, null, null, "Web form filled in by the client")]
    [InlineData(TriggerKind.ChatMessage, null, null, null, null, "site", "Chat message from the client on site")]
    [InlineData(TriggerKind.ChatMessage, null, null, null, null, null, "Chat message from the client")]
    public void A_trigger_reads_as_its_event_with_its_settings(TriggerKind kind, string? code, long? pipelineId, string? stageId, string? formId, string? channel, string expected) =>
        Assert.Equal(expected, TriggerText.Event(new Trigger("t1", "Any", kind, false, code, pipelineId, stageId, formId, channel), Pipelines));

    [Fact]
    public void Every_kind_has_words_of_its_own()
    {
        var words = Enum.GetValues<TriggerKind>().Select(TriggerText.Kind).ToList();
        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.DoesNotContain(words, w => Enum.GetNames<TriggerKind>().Contains(w) && w != nameof(TriggerKind.Webhook)); // no raw enum names but the one that is a word
    }

    [Fact]
    public void The_webhook_call_names_the_portals_address_a_token_and_the_body_with_code_and_record_type()
    {
        Assert.Equal("""
            POST https://crm.example.com/api/triggers/webhook
            Authorization: Bearer <API token>
            Content-Type: application/json

            {"code":"paid","recordType":"lead","recordId":<lead id>}
            """, TriggerText.WebhookCall("https://crm.example.com/", "paid", "lead"));
        Assert.Contains("""{"code":"","recordType":"deal",""", TriggerText.WebhookCall("http://localhost:5000/", null, "deal"));
    }

    [Fact]
    public void A_draft_keeps_every_kinds_settings_while_editing_and_sends_only_its_kinds()
    {
        var webhook = new Trigger("t3", "Paid", TriggerKind.Webhook, true, Code: "paid");
        Assert.Equal(webhook, TriggerDraft.From(webhook).ToTrigger());

        var draft = TriggerDraft.From(webhook);
        draft.Kind = TriggerKind.DealStage;
        draft.PipelineId = 7;
        draft.StageId = "C7:WON";
        draft.FormId = "typed-then-left";
        Assert.Equal(new Trigger("t3", "Paid", TriggerKind.DealStage, true, null, 7, "C7:WON"), draft.ToTrigger());

        draft.Kind = TriggerKind.Webhook;
        Assert.Equal(webhook, draft.ToTrigger());
        Assert.Equal(webhook, TriggerBody.ToTriggers([TriggerBody.Of(webhook)]).Single()); // and goes back to the API unchanged
    }

    [Theory]
    [InlineData("triggers[0].code", "code")]
    [InlineData("triggers[12].pipelineId", "pipelineId")]
    [InlineData("triggers[1]", "")]
    [InlineData("stageId", "stageId")]
    public void A_refusal_of_a_stages_list_names_the_triggers_own_field(string field, string member) =>
        Assert.Equal(member, RobotErrorField.Member(field));
}
