using System.Text.Json;
using Crm.Grains.Common;

namespace Crm.Grains.Outbox;

/// <summary>
/// Refuses a message that could never be sent, before it is stored: a bad message must fail where it
/// was made (a robot's configuration), not sit in the outbox failing over and over.
/// </summary>
public static class OutboxMessageRules
{
    public const int MaxDedupeKeyLength = 200;
    public const int MaxSubjectLength = 500;
    public const int MaxBodyLength = 1_000_000;
    public const int MaxSmsLength = 1_600;

    /// <summary>The message with its recipient normalised, or <see cref="CrmException"/> (invalid).</summary>
    public static OutboxMessage Check(OutboxMessage message)
    {
        if (message.PortalId <= 0)
            throw CrmException.Invalid("invalid_portal", "An outbox message belongs to a portal.", "portalId");
        if (!Enum.IsDefined(message.Kind))
            throw CrmException.Invalid("invalid_kind", $"'{message.Kind}' is not a kind of outbox message; use email, sms or webhook.", "kind");
        CheckDedupeKey(message.DedupeKey);
        var subject = CheckSubject(message);
        var body = message.Body ?? throw CrmException.Invalid("body_required", "An outbox message has a body.", "body");
        if (body.Length > (message.Kind == OutboxKind.Sms ? MaxSmsLength : MaxBodyLength))
            throw CrmException.Invalid("body_too_long", $"The body is too long for {message.Kind.ToString().ToLowerInvariant()}.", "body");
        if (message.RecordType is { Length: > 50 })
            throw CrmException.Invalid("invalid_record_type", "A record type has at most 50 characters.", "recordType");
        return message with { Recipient = CheckRecipient(message), Subject = subject };
    }

    // The key travels in headers (Idempotency-Key) and logs: visible ASCII only, so it cannot break a header.
    private static void CheckDedupeKey(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxDedupeKeyLength || key.Any(c => c is < '!' or > '~'))
            throw CrmException.Invalid("invalid_dedupe_key",
                $"A dedupe key has 1 to {MaxDedupeKeyLength} visible ASCII characters without spaces, e.g. robot:12:deal:345:v7.", "dedupeKey");
    }

    private static string? CheckSubject(OutboxMessage message)
    {
        var subject = message.Subject?.Trim();
        if (message.Kind == OutboxKind.Email && string.IsNullOrEmpty(subject))
            throw CrmException.Invalid("subject_required", "An e-mail has a subject.", "subject");
        if (subject is { Length: > MaxSubjectLength } || subject?.Any(char.IsControl) == true)
            throw CrmException.Invalid("invalid_subject", $"A subject is one line of at most {MaxSubjectLength} characters.", "subject");
        return string.IsNullOrEmpty(subject) ? null : subject;
    }

    private static string CheckRecipient(OutboxMessage message)
    {
        var recipient = message.Recipient?.Trim() ?? "";
        switch (message.Kind)
        {
            case OutboxKind.Email:
                return ContactPoints.NormalEmail(recipient)
                    ?? throw CrmException.Invalid("invalid_email", $"'{recipient}' is not an e-mail address.", "recipient");
            case OutboxKind.Sms:
                return ContactPoints.PhoneDigits(recipient) is not null ? recipient
                    : throw CrmException.Invalid("invalid_phone", $"'{recipient}' is not a phone number.", "recipient");
            default:
                WebhookUrlRules.CheckForm(recipient, "recipient");
                CheckJson(message.Body);
                return recipient;
        }
    }

    private static void CheckJson(string body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw CrmException.Invalid("invalid_json_body", "A webhook's body is the JSON document to post, and this is not JSON.", "body");
        }
    }
}
