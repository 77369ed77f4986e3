namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// A trigger of one deal stage or lead status: when the customer event <see cref="Kind"/> happens for
/// a record of the board, the record moves to that stage; only forward in the stage order unless
/// <see cref="AllowBack"/>. Settings the kind does not use are null.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.trigger")]
public sealed record Trigger(
    /// <summary>Short id, unique within the stage (letters, digits, '-' and '_'); given "tN" when left out.</summary>
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] TriggerKind Kind,
    [property: Id(3)] bool AllowBack = false,
    /// <summary><see cref="TriggerKind.Webhook"/>: the code the webhook must name; unique on the board, compared ignoring case.</summary>
    [property: Id(4)] string? Code = null,
    /// <summary><see cref="TriggerKind.DealStage"/>: the pipeline of the stage another deal of the client reaches.</summary>
    [property: Id(5)] long? PipelineId = null,
    /// <summary><see cref="TriggerKind.DealStage"/>: the stage (of <see cref="PipelineId"/>) another deal of the client reaches.</summary>
    [property: Id(6)] string? StageId = null,
    /// <summary><see cref="TriggerKind.WebForm"/>: only this form; null for any form.</summary>
    [property: Id(7)] string? FormId = null,
    /// <summary><see cref="TriggerKind.ChatMessage"/>: only this chat channel; null for any channel.</summary>
    [property: Id(8)] string? Channel = null,
    /// <summary><see cref="TriggerKind.ChatMessage"/>: only a conversation's first message; otherwise every message.</summary>
    [property: Id(9)] bool? FirstMessageOnly = null);
