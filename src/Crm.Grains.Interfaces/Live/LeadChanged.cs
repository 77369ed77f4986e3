using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.Interfaces.Live;

/// <summary>A lead changed: sent to the portal's lead board after the change is durable.</summary>
[GenerateSerializer, Immutable, Alias("crm.lead-changed")]
public sealed record LeadChanged(
    [property: Id(0)] LeadChangeKind Kind,
    [property: Id(1)] Lead Lead,
    [property: Id(2)] string? PreviousStatusId,
    [property: Id(3)] int? PreviousResponsibleId = null)
{
    public long Version => Lead.Version;
}

[GenerateSerializer]
public enum LeadChangeKind
{
    Created = 0,
    Updated = 1,
    StatusChanged = 2,
    Deleted = 3,
}
