using Crm.Grains.Interfaces.Common;

namespace Crm.Grains.Interfaces.Leads;

/// <summary>A lead as its grain holds it: a possible client not yet qualified; <see cref="Version"/> grows with every change.</summary>
[GenerateSerializer, Immutable, Alias("crm.lead")]
public sealed record Lead(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] string StatusId,
    [property: Id(3)] LeadFields Fields,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] int CreatedBy,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] int UpdatedBy,
    [property: Id(8)] long Version,
    [property: Id(9)] LeadConversion? Conversion = null) : IRecord;

/// <summary>The fields a user edits on a lead form; an edit sends them all.</summary>
[GenerateSerializer, Immutable, Alias("crm.lead-fields")]
public sealed record LeadFields(
    [property: Id(0)] string Title,
    [property: Id(1)] int ResponsibleId,
    [property: Id(2)] string FirstName = "",
    [property: Id(3)] string SecondName = "",
    [property: Id(4)] string LastName = "",
    [property: Id(5)] string CompanyName = "",
    [property: Id(6)] IReadOnlyList<ContactPoint>? Phones = null,
    [property: Id(7)] IReadOnlyList<ContactPoint>? Emails = null,
    [property: Id(8)] string SourceId = "",
    [property: Id(9)] string SourceDescription = "",
    [property: Id(10)] Utm? Utm = null,
    [property: Id(11)] decimal Amount = 0,
    [property: Id(12)] string Currency = "USD",
    [property: Id(13)] string Comments = "",
    /// <summary>Custom field values by code (UF_CRM_n), canonical text; null when none.</summary>
    [property: Id(14)] IReadOnlyDictionary<string, string>? Custom = null);

/// <summary>The campaign marks a web visit carried (utm_source, utm_medium, ...).</summary>
[GenerateSerializer, Immutable, Alias("crm.utm")]
public sealed record Utm(
    [property: Id(0)] string Source = "",
    [property: Id(1)] string Medium = "",
    [property: Id(2)] string Campaign = "",
    [property: Id(3)] string Content = "",
    [property: Id(4)] string Term = "");
