using Crm.Grains.Automation.Triggers;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Tests.Automation.Triggers;

public class TriggerRulesTests
{
    private static readonly IReadOnlyDictionary<long, IReadOnlyList<string>> Pipelines = new Dictionary<long, IReadOnlyList<string>>
    {
        [1] = ["NEW", "PREPARATION", "WON", "LOSE"],
        [2] = ["C2:NEW", "C2:WON"],
    };

    private static TriggerTargets DealStage(string stageId = "PREPARATION", params string[] otherCodes) => new(stageId, false, false, Pipelines, otherCodes);

    private static readonly TriggerTargets LeadStatus = new("IN_PROCESS", true, false, Pipelines, []);

    private static CrmException Refused(IReadOnlyList<Trigger> triggers, TriggerTargets targets) =>
        Assert.Throws<CrmException>(() => TriggerRules.CheckStage(triggers, targets));

    [Fact]
    public void A_list_comes_back_cleaned_with_ids_default_names_and_only_the_settings_its_kind_uses()
    {
        var saved = TriggerRules.CheckStage(
        [
            new Trigger("", "", TriggerKind.IncomingEmail, Code: "ignored", PipelineId: 1, FormId: "f"),
            new Trigger("t1", "  Paid  ", TriggerKind.Webhook, AllowBack: true, Code: " Paid-Invoice_1 "),
            new Trigger(" ", "Other deal won", TriggerKind.DealStage, PipelineId: 2, StageId: " C2:WON "),
            new Trigger("form", "", TriggerKind.WebForm, FormId: " "),
        ], DealStage());

        Assert.Equal(
        [
            new Trigger("t2", "E-mail from the client", TriggerKind.IncomingEmail),
            new Trigger("t1", "Paid", TriggerKind.Webhook, AllowBack: true, Code: "paid-invoice_1"),
            new Trigger("t3", "Other deal won", TriggerKind.DealStage, PipelineId: 2, StageId: "C2:WON"),
            new Trigger("form", "Web form filled", TriggerKind.WebForm),
        ], saved);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ümlaut")]
    [InlineData("a23456789012345678901234567890123")]
    public void A_webhook_code_must_be_short_plain_letters_digits_dashes_or_underscores(string code)
    {
        var e = Refused([new Trigger("t1", "", TriggerKind.Webhook, Code: code)], DealStage());
        Assert.Equal(code.Length == 0 ? "code_required" : "code_invalid", e.Code);
        Assert.Equal("triggers[0].code", e.Field);
        Assert.StartsWith("Trigger 1 ('t1'):", e.Message);
    }

    [Fact]
    public void A_webhook_code_names_one_stage_of_the_board()
    {
        Assert.Equal("duplicate_code", Refused([new Trigger("a", "", TriggerKind.Webhook, Code: "PAID")], DealStage("PREPARATION", "paid")).Code);
        var twice = Refused([new Trigger("a", "", TriggerKind.Webhook, Code: "paid"), new Trigger("b", "", TriggerKind.Webhook, Code: "Paid")], DealStage());
        Assert.Equal(("duplicate_code", "triggers[1].code"), (twice.Code, twice.Field));
        Assert.Single(TriggerRules.CheckStage([new Trigger("a", "", TriggerKind.Webhook, Code: "paid")], DealStage("PREPARATION", "unpaid")));
    }

    [Fact]
    public void A_deal_stage_trigger_names_an_existing_pipeline_and_one_of_its_stages()
    {
        Assert.Equal("pipeline_required", Refused([new Trigger("a", "", TriggerKind.DealStage, StageId: "WON")], DealStage()).Code);
        Assert.Equal("unknown_pipeline", Refused([new Trigger("a", "", TriggerKind.DealStage, PipelineId: 9, StageId: "WON")], DealStage()).Code);
        Assert.Equal("stage_required", Refused([new Trigger("a", "", TriggerKind.DealStage, PipelineId: 1)], DealStage()).Code);
        var wrong = Refused([new Trigger("a", "", TriggerKind.DealStage, PipelineId: 2, StageId: "WON")], DealStage());
        Assert.Equal(("unknown_stage", "triggers[0].stageId"), (wrong.Code, wrong.Field));
        Assert.Contains("C2:NEW, C2:WON", wrong.Message);
    }

    [Fact]
    public void Lead_statuses_take_no_deal_stage_triggers_and_the_converted_status_takes_none()
    {
        Assert.Equal("kind_not_for_leads", Refused([new Trigger("a", "", TriggerKind.DealStage, PipelineId: 1, StageId: "WON")], LeadStatus).Code);
        var converted = LeadStatus with { StageId = "CONVERTED", StageIsConverted = true };
        Assert.Equal("converted_status", Refused([new Trigger("a", "", TriggerKind.IncomingCall)], converted).Code);
        // Clearing it is always possible.
        Assert.Empty(TriggerRules.CheckStage([], converted));
    }

    [Fact]
    public void Ids_names_counts_and_keys_are_bounded()
    {
        Assert.Equal("duplicate_trigger_id", Refused([new Trigger("a", "", TriggerKind.IncomingCall), new Trigger("A", "", TriggerKind.IncomingEmail)], DealStage()).Code);
        Assert.Equal("trigger_id_invalid", Refused([new Trigger("a b", "", TriggerKind.IncomingCall)], DealStage()).Code);
        Assert.Equal("name_too_long", Refused([new Trigger("a", new string('x', 101), TriggerKind.IncomingCall)], DealStage()).Code);
        Assert.Equal("name_not_single_line", Refused([new Trigger("a", "two\nlines", TriggerKind.IncomingCall)], DealStage()).Code);
        Assert.Equal("unknown_trigger_kind", Refused([new Trigger("a", "", (TriggerKind)99)], DealStage()).Code);
        Assert.Equal("channel_invalid", Refused([new Trigger("a", "", TriggerKind.ChatMessage, Channel: "no spaces")], DealStage()).Code);
        var many = Enumerable.Range(0, TriggerLimits.MaxTriggersPerStage + 1).Select(i => new Trigger($"t{i}", "", TriggerKind.IncomingCall)).ToList();
        Assert.Equal("too_many_triggers", Refused(many, DealStage()).Code);
    }
}
