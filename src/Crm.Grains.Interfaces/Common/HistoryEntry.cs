namespace Crm.Grains.Interfaces.Common;

/// <summary>One line of a record's timeline: who did what, when, and which fields changed.</summary>
[GenerateSerializer, Immutable]
public sealed record HistoryEntry(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] int ActorId,
    [property: Id(3)] string Action,
    [property: Id(4)] IReadOnlyList<FieldChange> Changes);
