namespace Crm.Grains.Interfaces.Contacts;

/// <summary>A person the company deals with; linked to any number of companies (the contact holds the links).</summary>
[GenerateSerializer, Immutable, Alias("crm.contact")]
public sealed record Contact(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] ContactFields Fields,
    [property: Id(3)] IReadOnlyList<long> CompanyIds,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] int CreatedBy,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] int UpdatedBy,
    [property: Id(8)] long Version) : IRecord;

/// <summary>The fields a user edits on a contact form; an edit sends them all.</summary>
[GenerateSerializer, Immutable, Alias("crm.contact-fields")]
public sealed record ContactFields(
    [property: Id(0)] string FirstName,
    [property: Id(1)] int ResponsibleId,
    [property: Id(2)] string SecondName = "",
    [property: Id(3)] string LastName = "",
    [property: Id(4)] string TypeId = "",
    [property: Id(5)] string Position = "",
    [property: Id(6)] IReadOnlyList<ContactPoint>? Phones = null,
    [property: Id(7)] IReadOnlyList<ContactPoint>? Emails = null,
    [property: Id(8)] Address? Address = null,
    [property: Id(9)] string Comments = "",
    /// <summary>Custom field values by code (UF_CRM_n), canonical text; null when none.</summary>
    [property: Id(10)] IReadOnlyDictionary<string, string>? Custom = null);

/// <summary>The single writer of one contact; key "{portal}/{id}".</summary>
public interface IContactGrain : IGrainWithStringKey
{
    Task<Contact> Create(ContactFields fields, IReadOnlyList<long> companyIds, int actorId);

    /// <summary>Reads interleave: every robot of a client's deals reads the client's e-mail and phone here.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Contact> Get();

    Task<Contact> Update(ContactFields fields, long? expectedVersion, int actorId);

    /// <summary>Replaces the companies the contact belongs to (each must exist in the portal).</summary>
    Task<Contact> SetCompanies(IReadOnlyList<long> companyIds, long? expectedVersion, int actorId);

    Task Delete(long? expectedVersion, int actorId);

    /// <summary>Takes the duplicate <paramref name="sourceId"/>'s values into this record (this record's values win); the duplicate stays until <see cref="DeleteMerged"/>.</summary>
    Task<Contact> MergeFrom(long sourceId, int actorId);

    /// <summary>Deletes this record as merged into <paramref name="intoId"/>.</summary>
    Task DeleteMerged(long intoId, int actorId);
}
