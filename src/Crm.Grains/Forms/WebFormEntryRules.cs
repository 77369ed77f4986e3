using Crm.Grains.Common;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Forms;

namespace Crm.Grains.Forms;

/// <summary>
/// What a client may send through a form: only the fields it asks for, within their lengths, and an
/// e-mail or a phone that really is one. The answer is trimmed, with the e-mail lower-cased.
/// </summary>
public static class WebFormEntryRules
{
    private const int MaxName = 100;
    private const int MaxMessage = 4000;

    public static WebFormEntry Check(WebForm form, WebFormEntry? entry)
    {
        if (entry is null) throw CrmException.Invalid("body_required", "Send {name, email, phone, message} as the form asks.");
        var name = Field(entry.Name, form.AskName, "name", MaxName);
        var email = Field(entry.Email, form.AskEmail, "email", 100);
        var phone = Field(entry.Phone, form.AskPhone, "phone", 100);
        var message = Field(entry.Message, form.AskMessage, "message", MaxMessage);
        if (email is null && phone is null)
            throw CrmException.Invalid("contact_required", form.AskEmail && form.AskPhone
                ? "Leave an e-mail or a phone number so that we can answer."
                : form.AskEmail ? "Leave your e-mail so that we can answer." : "Leave your phone number so that we can answer.",
                form.AskEmail ? "email" : "phone");
        if (email is not null)
            email = ContactPoints.NormalEmail(email) ?? throw CrmException.Invalid("invalid_email", $"'{email}' is not an e-mail address.", "email");
        if (phone is not null && ContactPoints.PhoneDigits(phone) is null)
            throw CrmException.Invalid("invalid_phone", $"'{phone}' is not a phone number: use 5 to 15 digits, optionally starting with +.", "phone");
        return new WebFormEntry(name, email, phone, message);
    }

    /// <summary>The trimmed value, null when empty; refused when the form does not ask for it or it is too long.</summary>
    private static string? Field(string? value, bool asked, string field, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (!asked) throw CrmException.Invalid("field_not_asked", $"This form does not ask for {field}.", field);
        if (text.Length > max) throw CrmException.Invalid($"{field}_too_long", $"The {field} is at most {max} characters.", field);
        return text;
    }

    /// <summary>The lead a new client's entry becomes: named by the form, reached by what they left.</summary>
    public static Interfaces.Leads.LeadFields Lead(WebForm form, WebFormEntry entry)
    {
        var name = entry.Name ?? "";
        var space = name.LastIndexOf(' ');
        var (first, last) = space > 0 ? (name[..space].Trim(), name[(space + 1)..]) : (name, "");
        var who = entry.Name ?? entry.Email ?? entry.Phone;
        return new Interfaces.Leads.LeadFields(
            Title: $"{form.Name}: {who}",
            ResponsibleId: form.ResponsibleId,
            FirstName: first,
            LastName: last,
            Phones: entry.Phone is { } phone ? [new ContactPoint(phone, ContactPointType.Work)] : null,
            Emails: entry.Email is { } email ? [new ContactPoint(email, ContactPointType.Work)] : null,
            SourceId: "WEBFORM",
            SourceDescription: form.Name,
            Comments: entry.Message ?? "");
    }
}
