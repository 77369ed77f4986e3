namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// A stage's trigger matched a customer event (an e-mail from the client, a call, a webhook with its
/// code …) for one record: the record moves to <see cref="StageId"/>, forward only unless
/// <see cref="AllowBack"/>. <see cref="Event"/> says what happened, for the record's timeline.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.trigger-hit")]
public sealed record TriggerHit(
    [property: Id(0)] string TriggerId,
    [property: Id(1)] string TriggerName,
    [property: Id(2)] string StageId,
    [property: Id(3)] bool AllowBack,
    [property: Id(4)] string Event);

/// <summary>What a trigger did to one record: moved it from <see cref="FromStageId"/>, or not, and why.</summary>
[GenerateSerializer, Immutable, Alias("crm.trigger-result")]
public sealed record TriggerResult(
    [property: Id(0)] bool Moved,
    [property: Id(1)] string FromStageId,
    [property: Id(2)] string? Reason = null);
