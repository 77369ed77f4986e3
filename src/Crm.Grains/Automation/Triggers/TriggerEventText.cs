using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation.Triggers;

/// <summary>How a checked event reads on the record's timeline ("moved by trigger 'x' (&lt;this&gt;)").</summary>
public static class TriggerEventText
{
    public static string Of(CustomerEvent e)
    {
        var text = e.Kind switch
        {
            TriggerKind.IncomingEmail => $"e-mail from {e.Email}",
            TriggerKind.IncomingCall => $"call from {e.Phone}",
            TriggerKind.WebForm => $"web form {e.FormId} filled",
            TriggerKind.ChatMessage => e.Channel is null ? "chat message" : $"chat message on {e.Channel}",
            TriggerKind.LinkClicked => "tracked link opened",
            TriggerKind.Webhook => $"webhook {e.Code}",
            TriggerKind.DealStage => $"deal {e.Record?.Id} reached {e.StageId}",
            _ => e.Kind.ToString(),
        };
        return e.Note is null ? text : $"{text}: {e.Note}";
    }
}
