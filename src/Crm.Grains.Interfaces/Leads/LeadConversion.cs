namespace Crm.Grains.Interfaces.Leads;

/// <summary>
/// What a lead should become: any of a contact, a company and a deal (in a pipeline, the default one
/// when null). The other fields supply what the lead lacks (a person's name, a company name, and the
/// custom values of each target by code: custom fields belong to one record type, so the lead has
/// none of the targets'; values for a target not requested are ignored).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.lead-conversion-request")]
public sealed record LeadConversionRequest(
    [property: Id(0)] bool Contact,
    [property: Id(1)] bool Company,
    [property: Id(2)] bool Deal,
    [property: Id(3)] long? PipelineId = null,
    [property: Id(4)] string? ContactFirstName = null,
    [property: Id(5)] string? ContactLastName = null,
    [property: Id(6)] string? CompanyTitle = null,
    [property: Id(7)] string? DealTitle = null,
    [property: Id(8)] IReadOnlyDictionary<string, string>? ContactCustom = null,
    [property: Id(9)] IReadOnlyDictionary<string, string>? CompanyCustom = null,
    [property: Id(10)] IReadOnlyDictionary<string, string>? DealCustom = null);

/// <summary>What a converted lead became.</summary>
[GenerateSerializer, Immutable, Alias("crm.lead-conversion")]
public sealed record LeadConversion(
    [property: Id(0)] long? ContactId,
    [property: Id(1)] long? CompanyId,
    [property: Id(2)] long? DealId);
