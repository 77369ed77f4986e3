namespace Crm.Grains.Interfaces.Live;

/// <summary>A contact or company changed: sent to the portal's feed of that record type, for lists to refresh (the responsibles tell who may see it).</summary>
[GenerateSerializer, Immutable, Alias("crm.record-changed")]
public sealed record RecordChanged(
    [property: Id(0)] string Kind,
    [property: Id(1)] int PortalId,
    [property: Id(2)] long Id,
    [property: Id(3)] long Version,
    [property: Id(4)] bool Deleted,
    [property: Id(5)] int ResponsibleId = 0,
    [property: Id(6)] int? PreviousResponsibleId = null);
