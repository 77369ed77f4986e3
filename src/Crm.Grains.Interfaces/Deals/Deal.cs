namespace Crm.Grains.Interfaces.Deals;

/// <summary>
/// A deal as its grain holds it; <see cref="Version"/> grows by one with every change. A deal may
/// name its client company and contacts (<see cref="ContactIds"/> null when it has none).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.deal")]
public sealed record Deal(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] long PipelineId,
    [property: Id(3)] string StageId,
    [property: Id(4)] string Title,
    [property: Id(5)] decimal Amount,
    [property: Id(6)] string Currency,
    [property: Id(7)] int ResponsibleId,
    [property: Id(8)] DateOnly? BeginDate,
    [property: Id(9)] DateOnly? CloseDate,
    [property: Id(10)] string Comments,
    [property: Id(11)] double Position,
    [property: Id(12)] bool IsClosed,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] int CreatedBy,
    [property: Id(15)] DateTimeOffset UpdatedAt,
    [property: Id(16)] int UpdatedBy,
    [property: Id(17)] long Version,
    [property: Id(18)] long? CompanyId = null,
    [property: Id(19)] IReadOnlyList<long>? ContactIds = null,
    [property: Id(20)] IReadOnlyDictionary<string, string>? Custom = null);
