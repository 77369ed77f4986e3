namespace Crm.Grains.Interfaces.Companies;

/// <summary>An organisation the company deals with. Its contacts are the contacts that link to it.</summary>
[GenerateSerializer, Immutable, Alias("crm.company")]
public sealed record Company(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] CompanyFields Fields,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] int CreatedBy,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] int UpdatedBy,
    [property: Id(7)] long Version) : IRecord;

/// <summary>The fields a user edits on a company form; an edit sends them all.</summary>
[GenerateSerializer, Immutable, Alias("crm.company-fields")]
public sealed record CompanyFields(
    [property: Id(0)] string Title,
    [property: Id(1)] int ResponsibleId,
    [property: Id(2)] string TypeId = "",
    [property: Id(3)] string IndustryId = "",
    [property: Id(4)] decimal Revenue = 0,
    [property: Id(5)] string Currency = "USD",
    [property: Id(6)] string TaxId = "",
    [property: Id(7)] IReadOnlyList<ContactPoint>? Phones = null,
    [property: Id(8)] IReadOnlyList<ContactPoint>? Emails = null,
    [property: Id(9)] Address? Address = null,
    [property: Id(10)] string Comments = "",
    /// <summary>Custom field values by code (UF_CRM_n), canonical text; null when none.</summary>
    [property: Id(11)] IReadOnlyDictionary<string, string>? Custom = null);

/// <summary>The single writer of one company; key "{portal}/{id}".</summary>
public interface ICompanyGrain : IGrainWithStringKey
{
    Task<Company> Create(CompanyFields fields, int actorId);

    /// <summary>Reads interleave: every robot of a client's deals reads the client's e-mail and phone here.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Company> Get();

    Task<Company> Update(CompanyFields fields, long? expectedVersion, int actorId);

    Task Delete(long? expectedVersion, int actorId);

    /// <summary>Takes the duplicate <paramref name="sourceId"/>'s values into this record (this record's values win); the duplicate stays until <see cref="DeleteMerged"/>.</summary>
    Task<Company> MergeFrom(long sourceId, int actorId);

    /// <summary>Deletes this record as merged into <paramref name="intoId"/>.</summary>
    Task DeleteMerged(long intoId, int actorId);
}
