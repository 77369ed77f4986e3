namespace Crm.Grains.Interfaces.Automation;

/// <summary>What one customer event did to one record: moved (from → to, by which trigger), or not and why.</summary>
[GenerateSerializer, Immutable, Alias("crm.trigger-outcome")]
public sealed record TriggerOutcome(
    /// <summary>"lead" or "deal".</summary>
    [property: Id(0)] string RecordKind,
    [property: Id(1)] long RecordId,
    [property: Id(2)] bool Moved,
    /// <summary>The stage (deal) or status (lead) the record was in; empty when it could not be read.</summary>
    [property: Id(3)] string FromStageId,
    /// <summary>Where the chosen trigger moves (or would have moved) the record; null when no trigger matched.</summary>
    [property: Id(4)] string? ToStageId = null,
    [property: Id(5)] string? TriggerId = null,
    [property: Id(6)] string? TriggerName = null,
    /// <summary>Why the record stayed; null when it moved.</summary>
    [property: Id(7)] string? Reason = null);

/// <summary>The outcome for every record a customer event concerned (none when it matched no record).</summary>
[GenerateSerializer, Immutable, Alias("crm.trigger-report")]
public sealed record TriggerReport(
    [property: Id(0)] IReadOnlyList<TriggerOutcome> Records);
