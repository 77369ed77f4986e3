namespace Crm.Grains.Interfaces.Deals;

/// <summary>The fields a user edits on a deal form; an edit sends them all.</summary>
[GenerateSerializer, Immutable, Alias("crm.deal-fields")]
public sealed record DealFields(
    [property: Id(0)] string Title,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string Currency,
    [property: Id(3)] int ResponsibleId,
    [property: Id(4)] DateOnly? BeginDate = null,
    [property: Id(5)] DateOnly? CloseDate = null,
    [property: Id(6)] string Comments = "",
    [property: Id(7)] long? CompanyId = null,
    [property: Id(8)] IReadOnlyList<long>? ContactIds = null,
    /// <summary>Custom field values by code (UF_CRM_n), canonical text; null when none.</summary>
    [property: Id(9)] IReadOnlyDictionary<string, string>? Custom = null);
