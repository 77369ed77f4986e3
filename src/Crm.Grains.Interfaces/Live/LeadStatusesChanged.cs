using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Interfaces.Live;

/// <summary>
/// A portal's lead statuses were edited (renamed, recoloured, reordered, added, removed): sent to the
/// portal's lead board after the new list is stored, so open boards reshape their columns.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.lead-statuses-changed")]
public sealed record LeadStatusesChanged(
    [property: Id(0)] int PortalId,
    [property: Id(1)] IReadOnlyList<LeadStatus> Statuses);
