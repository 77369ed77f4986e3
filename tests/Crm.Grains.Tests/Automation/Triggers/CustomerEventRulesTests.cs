using Crm.Grains.Automation.Triggers;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Tests.Automation.Triggers;

public class CustomerEventRulesTests
{
    private static CrmException Refused(CustomerEvent e) => Assert.Throws<CrmException>(() => CustomerEventRules.Check(e));

    [Theory]
    [InlineData("Ann@Client.TEST", "ann@client.test")]
    [InlineData("  Ann Lee <ANN@client.test> ", "ann@client.test")]
    public void A_senders_address_is_compared_lower_case_also_with_a_display_name(string from, string expected) =>
        Assert.Equal(expected, CustomerEventRules.Check(new CustomerEvent(TriggerKind.IncomingEmail, Email: from)).Email);

    [Fact]
    public void Each_kind_needs_what_it_is_matched_on_and_errors_name_the_gateways_field()
    {
        Assert.Equal(("email_required", "from"), Of(Refused(new CustomerEvent(TriggerKind.IncomingEmail))));
        Assert.Equal(("invalid_email", "from"), Of(Refused(new CustomerEvent(TriggerKind.IncomingEmail, Email: "not mail"))));
        Assert.Equal(("phone_required", "phone"), Of(Refused(new CustomerEvent(TriggerKind.IncomingCall, Phone: " "))));
        Assert.Equal(("invalid_phone", "phone"), Of(Refused(new CustomerEvent(TriggerKind.IncomingCall, Phone: "12"))));
        Assert.Equal(("record_required", "recordId"), Of(Refused(new CustomerEvent(TriggerKind.Webhook, Code: "paid"))));
        Assert.Equal(("code_required", "code"), Of(Refused(new CustomerEvent(TriggerKind.Webhook, new RecordRef("deal", 1)))));
        Assert.Equal(("invalid_record_type", "recordType"), Of(Refused(new CustomerEvent(TriggerKind.Webhook, new RecordRef("contact", 1), Code: "paid"))));
        Assert.Equal(("invalid_record_id", "recordId"), Of(Refused(new CustomerEvent(TriggerKind.LinkClicked, new RecordRef("lead", 0)))));
        Assert.Equal(("record_required", "recordId"), Of(Refused(new CustomerEvent(TriggerKind.ChatMessage, Channel: "site"))));
        Assert.Equal(("invalid_email", "from"), Of(Refused(new CustomerEvent(TriggerKind.ChatMessage, Email: "nope", Channel: "site"))));
        Assert.Equal(("form_required", "formId"), Of(Refused(new CustomerEvent(TriggerKind.WebForm, new RecordRef("lead", 1)))));
        Assert.Equal(("client_required", "recordId"), Of(Refused(new CustomerEvent(TriggerKind.WebForm, FormId: "f"))));
        Assert.Equal(("deal_required", "recordId"), Of(Refused(new CustomerEvent(TriggerKind.DealStage, new RecordRef("lead", 1), StageId: "WON"))));
        Assert.Equal(("stage_required", "stageId"), Of(Refused(new CustomerEvent(TriggerKind.DealStage, new RecordRef("deal", 1)))));
    }

    [Fact]
    public void A_checked_event_keeps_only_what_its_kind_uses_and_reads_as_one_timeline_line()
    {
        var hook = CustomerEventRules.Check(new CustomerEvent(TriggerKind.Webhook, new RecordRef(" Deal ", 7), Email: "x@y.test", Code: " PAID ", Note: "invoice\n42"));
        Assert.Equal(new CustomerEvent(TriggerKind.Webhook, new RecordRef("deal", 7), Code: "paid", Note: "invoice 42"), hook);
        Assert.Equal("webhook paid: invoice 42", TriggerEventText.Of(hook));
        var mail = CustomerEventRules.Check(new CustomerEvent(TriggerKind.IncomingEmail, Email: "ann@client.test", Note: new string('s', 500)));
        Assert.Equal(TriggerLimits.MaxNoteLength + 1, mail.Note!.Length);
        Assert.Equal("deal 5 reached WON", TriggerEventText.Of(new CustomerEvent(TriggerKind.DealStage, new RecordRef("deal", 5), StageId: "WON")));
    }

    private static (string, string?) Of(CrmException e) => (e.Code, e.Field);
}
