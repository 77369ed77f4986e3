using System.Text.RegularExpressions;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Chat;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.Chat;

/// <summary>
/// What chat input must be: a message of 1 to <see cref="MaxMessageLength"/> characters, a short name,
/// a real e-mail address or phone number, a channel name. Text is kept as written and always shown as
/// text, never as markup.
/// </summary>
public static partial class ChatRules
{
    public const int MaxMessageLength = 2000;
    public const int MaxNameLength = 100;
    public const int MaxMessages = 5000;
    public const string SiteChannel = "site";

    public static string Text(string? text)
    {
        var trimmed = Clean(text);
        if (trimmed.Length == 0) throw CrmException.Invalid("message_required", "Write a message.", "text");
        return trimmed.Length <= MaxMessageLength ? trimmed
            : throw CrmException.Invalid("message_too_long", $"A message is at most {MaxMessageLength} characters.", "text");
    }

    /// <summary>The visitor's details, merged over what they told before; refused when an e-mail or phone is not one.</summary>
    public static ChatVisitor Visitor(VisitorMessage message, ChatVisitor? before = null)
    {
        var name = Clean(message.Name);
        if (name.Length > MaxNameLength) throw CrmException.Invalid("name_too_long", $"A name is at most {MaxNameLength} characters.", "name");
        string? email = null, phone = null;
        if (!string.IsNullOrWhiteSpace(message.Email))
            email = ContactPoints.NormalEmail(message.Email.Trim()) ?? throw CrmException.Invalid("invalid_email", $"'{message.Email.Trim()}' is not an e-mail address.", "email");
        if (!string.IsNullOrWhiteSpace(message.Phone))
            phone = ContactPoints.PhoneKey(message.Phone.Trim()) is null
                ? throw CrmException.Invalid("invalid_phone", $"'{message.Phone.Trim()}' is not a phone number: use 5 to 15 digits, optionally starting with +.", "phone")
                : message.Phone.Trim();
        return new ChatVisitor(name.Length > 0 ? name : before?.Name ?? "", email ?? before?.Email, phone ?? before?.Phone);
    }

    public static string Channel(string? channel)
    {
        var name = channel?.Trim().ToLowerInvariant() ?? "";
        return ChannelName().IsMatch(name) ? name
            : throw CrmException.Invalid("invalid_channel", "A channel is named by 1 to 40 lower-case letters, digits, '-' or '_'.", "channel");
    }

    /// <summary>The lead a new visitor's first message becomes.</summary>
    public static LeadFields Lead(ChatVisitor visitor, string channel, string firstText, int responsibleId)
    {
        var space = visitor.Name.LastIndexOf(' ');
        var (first, last) = space > 0 ? (visitor.Name[..space].Trim(), visitor.Name[(space + 1)..]) : (visitor.Name, "");
        var who = visitor.Name.Length > 0 ? visitor.Name : visitor.Email ?? visitor.Phone ?? "visitor";
        return new LeadFields(
            Title: $"Chat: {who}",
            ResponsibleId: responsibleId,
            FirstName: first,
            LastName: last,
            Phones: visitor.Phone is { } phone ? [new ContactPoint(phone, ContactPointType.Work)] : null,
            Emails: visitor.Email is { } email ? [new ContactPoint(email, ContactPointType.Work)] : null,
            SourceId: "CHAT",
            SourceDescription: channel == SiteChannel ? "Website chat" : $"Chat: {channel}",
            Comments: firstText);
    }

    /// <summary>Control characters (other than line breaks) go: they only ever break how text shows.</summary>
    private static string Clean(string? text) =>
        new string((text ?? "").Trim().Where(c => !char.IsControl(c) || c is '\n').ToArray());

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$")]
    private static partial Regex ChannelName();
}
