using Crm.Grains.Interfaces.Automation;

namespace Crm.Web.Automation;

/// <summary>
/// A trigger while the editor's dialog changes it: the settings of every kind stay editable, so
/// switching the kind back and forth loses nothing; <see cref="ToTrigger"/> keeps only the kind's own.
/// </summary>
public sealed class TriggerDraft
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public TriggerKind Kind { get; set; } = TriggerKind.IncomingEmail;
    public bool AllowBack { get; set; }
    public string? Code { get; set; }
    public long? PipelineId { get; set; }
    public string? StageId { get; set; }
    public string? FormId { get; set; }
    public string? Channel { get; set; }
    public bool FirstMessageOnly { get; set; }

    public static TriggerDraft From(Trigger trigger) => new()
    {
        Id = trigger.Id, Name = trigger.Name, Kind = trigger.Kind, AllowBack = trigger.AllowBack, Code = trigger.Code,
        PipelineId = trigger.PipelineId, StageId = trigger.StageId, FormId = trigger.FormId, Channel = trigger.Channel,
        FirstMessageOnly = trigger.FirstMessageOnly == true,
    };

    public Trigger ToTrigger() => new(Id, Name, Kind, AllowBack,
        Code: Kind == TriggerKind.Webhook ? Code : null,
        PipelineId: Kind == TriggerKind.DealStage ? PipelineId : null,
        StageId: Kind == TriggerKind.DealStage ? StageId : null,
        FormId: Kind == TriggerKind.WebForm ? FormId : null,
        Channel: Kind == TriggerKind.ChatMessage ? Channel : null,
        FirstMessageOnly: Kind == TriggerKind.ChatMessage && FirstMessageOnly ? true : null);
}
