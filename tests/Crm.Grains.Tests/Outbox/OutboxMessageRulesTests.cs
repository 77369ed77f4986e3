using Crm.Grains.Outbox;

namespace Crm.Grains.Tests.Outbox;

public class OutboxMessageRulesTests
{
    private static readonly OutboxMessage Email = new(1, OutboxKind.Email, "robot:1:deal:2:v3", " Ann@Example.com ", "Hello", "Body");
    private static readonly OutboxMessage Webhook = new(1, OutboxKind.Webhook, "robot:1:deal:2:v3", "https://example.com/hook", null, """{"a":1}""");

    [Fact]
    public void A_good_message_passes_with_its_recipient_normalised()
    {
        Assert.Equal("ann@example.com", OutboxMessageRules.Check(Email).Recipient);
        Assert.Equal(Webhook, OutboxMessageRules.Check(Webhook));
        Assert.Equal("+386 1 234 5678", OutboxMessageRules.Check(new OutboxMessage(1, OutboxKind.Sms, "k", "+386 1 234 5678", null, "Hi")).Recipient);
    }

    public static TheoryData<OutboxMessage, string> BadMessages() => new()
    {
        { Email with { PortalId = 0 }, "invalid_portal" },
        { Email with { DedupeKey = "" }, "invalid_dedupe_key" },
        { Email with { DedupeKey = "has space" }, "invalid_dedupe_key" },
        { Email with { DedupeKey = "line\nbreak" }, "invalid_dedupe_key" },
        { Email with { DedupeKey = new string('k', 201) }, "invalid_dedupe_key" },
        { Email with { Recipient = "not an address" }, "invalid_email" },
        { Email with { Subject = null }, "subject_required" },
        { Email with { Subject = "two\nlines" }, "invalid_subject" },
        { Email with { Kind = OutboxKind.Sms, Recipient = "call me" }, "invalid_phone" },
        { Email with { Kind = OutboxKind.Sms, Recipient = "+1 555 0100", Body = new string('x', 1601) }, "body_too_long" },
        { Webhook with { Recipient = "ftp://example.com" }, "webhook_url_scheme" },
        { Webhook with { Recipient = "https://u:p@example.com" }, "webhook_url_credentials" },
        { Webhook with { Body = "not json" }, "invalid_json_body" },
        { Webhook with { Kind = (OutboxKind)9 }, "invalid_kind" },
    };

    [Theory]
    [MemberData(nameof(BadMessages))]
    public void A_message_that_could_never_be_sent_is_refused(OutboxMessage message, string code)
    {
        var e = Assert.Throws<CrmException>(() => OutboxMessageRules.Check(message));
        Assert.Equal(CrmErrorKind.Invalid, e.Kind);
        Assert.Equal(code, e.Code);
    }
}
