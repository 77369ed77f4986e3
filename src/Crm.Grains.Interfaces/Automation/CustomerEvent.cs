using Crm.Grains.Interfaces.Activities;

namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// Something a customer did, handed to the trigger dispatcher (<see cref="ITriggerDispatchGrain"/>).
/// The records it concerns are <see cref="Record"/> when the source knows it (webhook, tracked link,
/// chat, a form on a record), otherwise those whose client has <see cref="Email"/> or <see cref="Phone"/>.
/// For <see cref="TriggerKind.DealStage"/>, <see cref="Record"/> is the deal that reached
/// <see cref="StageId"/>; the other open deals of its client are the ones that may move.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.customer-event")]
public sealed record CustomerEvent(
    [property: Id(0)] TriggerKind Kind,
    /// <summary>A lead or deal ("lead"/"deal" and its id).</summary>
    [property: Id(1)] RecordRef? Record = null,
    [property: Id(2)] string? Email = null,
    [property: Id(3)] string? Phone = null,
    /// <summary><see cref="TriggerKind.Webhook"/>: the code a trigger must have.</summary>
    [property: Id(4)] string? Code = null,
    [property: Id(5)] string? FormId = null,
    [property: Id(6)] string? Channel = null,
    /// <summary><see cref="TriggerKind.DealStage"/>: the stage the deal <see cref="Record"/> reached.</summary>
    [property: Id(7)] string? StageId = null,
    /// <summary>A short note for the timeline, such as an e-mail's subject.</summary>
    [property: Id(8)] string? Note = null,
    /// <summary><see cref="TriggerKind.ChatMessage"/>: the message opened its conversation.</summary>
    [property: Id(9)] bool FirstMessage = false);
