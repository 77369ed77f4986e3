using System.Net.Mail;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation.Triggers;

/// <summary>
/// Checks an event before anything is looked up or moved, and returns it normalised: the e-mail
/// address lower-case (a gateway's "Name &lt;address&gt;" accepted), the record kind lower-case, the
/// code as triggers store it. Errors name the gateways' body fields (from, phone, code, recordType, recordId …).
/// </summary>
public static class CustomerEventRules
{
    public static CustomerEvent Check(CustomerEvent? customerEvent)
    {
        var e = customerEvent ?? throw CrmException.Invalid("event_required", "The event is missing.");
        if (!Enum.IsDefined(e.Kind))
            throw CrmException.Invalid("unknown_trigger_kind", $"'{e.Kind}' is not a trigger kind.", "kind");
        var record = e.Record is null ? null : Record(e.Record);
        var note = Note(e.Note);
        return e.Kind switch
        {
            TriggerKind.IncomingEmail => new CustomerEvent(e.Kind, record, Email: Email(e.Email), Note: note),
            TriggerKind.IncomingCall => new CustomerEvent(e.Kind, record, Phone: Phone(e.Phone), Note: note),
            TriggerKind.Webhook => new CustomerEvent(e.Kind, Required(record), Code: TriggerRules.Code(e.Code), Note: note),
            TriggerKind.LinkClicked => new CustomerEvent(e.Kind, Required(record), Note: note),
            TriggerKind.ChatMessage => Chat(e, record, note),
            TriggerKind.WebForm => Form(e, record, note),
            _ => DealStage(e, record),
        };
    }

    /// <summary>A lead or deal with a positive id; kinds compared ignoring case.</summary>
    public static RecordRef Record(RecordRef record)
    {
        var kind = record.Kind?.Trim().ToLowerInvariant() ?? "";
        if (kind is not ("lead" or "deal"))
            throw CrmException.Invalid("invalid_record_type", $"'{record.Kind}' is not a record type triggers move; use lead or deal.", "recordType");
        if (record.Id <= 0)
            throw CrmException.Invalid("invalid_record_id", "The record id must be a positive number.", "recordId");
        return new RecordRef(kind, record.Id);
    }

    /// <summary>A plain address, or the address of "Name &lt;address&gt;", lower-case.</summary>
    public static string Email(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            throw CrmException.Invalid("email_required", "The sender's e-mail address is missing.", "from");
        var normal = ContactPoints.NormalEmail(text)
            ?? (MailAddress.TryCreate(text, out var address) ? ContactPoints.NormalEmail(address.Address) : null);
        return normal ?? throw CrmException.Invalid("invalid_email", $"'{text}' is not an e-mail address.", "from");
    }

    public static string Phone(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
            throw CrmException.Invalid("phone_required", "The caller's phone number is missing.", "phone");
        return ContactPoints.PhoneKey(text) is null
            ? throw CrmException.Invalid("invalid_phone", $"'{text}' is not a phone number: use 5 to 15 digits, optionally starting with +.", "phone")
            : text;
    }

    private static CustomerEvent Form(CustomerEvent e, RecordRef? record, string? note)
    {
        var formId = Optional(e.FormId) ?? throw CrmException.Invalid("form_required", "A web form event names its form.", "formId");
        var email = string.IsNullOrWhiteSpace(e.Email) ? null : Email(e.Email);
        var phone = string.IsNullOrWhiteSpace(e.Phone) ? null : Phone(e.Phone);
        if (record is null && email is null && phone is null)
            throw CrmException.Invalid("client_required", "A web form event names its record, or the client's e-mail or phone.", "recordId");
        return new CustomerEvent(e.Kind, record, email, phone, FormId: formId, Note: note);
    }

    /// <summary>A chat message is about the lead it made, or about the client's records found by the visitor's e-mail or phone.</summary>
    private static CustomerEvent Chat(CustomerEvent e, RecordRef? record, string? note)
    {
        var email = string.IsNullOrWhiteSpace(e.Email) ? null : Email(e.Email);
        var phone = string.IsNullOrWhiteSpace(e.Phone) ? null : Phone(e.Phone);
        if (record is null && email is null && phone is null) Required(record);
        return new CustomerEvent(e.Kind, record, email, phone, Channel: Optional(e.Channel), Note: note, FirstMessage: e.FirstMessage);
    }

    private static CustomerEvent DealStage(CustomerEvent e, RecordRef? record)
    {
        if (record is not { Kind: "deal" })
            throw CrmException.Invalid("deal_required", "A DealStage event names the deal that reached the stage.", "recordId");
        var stageId = e.StageId?.Trim() ?? "";
        if (stageId.Length == 0)
            throw CrmException.Invalid("stage_required", "A DealStage event names the stage the deal reached.", "stageId");
        return new CustomerEvent(e.Kind, record, StageId: stageId);
    }

    private static RecordRef Required(RecordRef? record) =>
        record ?? throw CrmException.Invalid("record_required", "The event must name its record (recordType and recordId).", "recordId");

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Timeline text is one short line: control characters go, long text is cut.</summary>
    private static string? Note(string? note)
    {
        if (string.IsNullOrWhiteSpace(note)) return null;
        var line = new string(note.Trim().Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return line.Length <= TriggerLimits.MaxNoteLength ? line : line[..TriggerLimits.MaxNoteLength] + "…";
    }
}
