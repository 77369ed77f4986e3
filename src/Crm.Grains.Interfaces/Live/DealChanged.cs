using Crm.Grains.Interfaces.Deals;

namespace Crm.Grains.Interfaces.Live;

/// <summary>
/// A deal changed. <see cref="Deal"/> is its state after the change (for a deletion, the last state
/// with the new version). Consumers apply an event only if its version is newer than what they hold.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.deal-changed")]
public sealed record DealChanged(
    [property: Id(0)] DealChangeKind Kind,
    [property: Id(1)] Deal Deal,
    [property: Id(2)] string? PreviousStageId,
    [property: Id(3)] int? PreviousResponsibleId = null)
{
    public long Version => Deal.Version;
}
