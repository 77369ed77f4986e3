namespace Crm.Grains.Interfaces.Common;

/// <summary>A postal address of a contact or company.</summary>
[GenerateSerializer, Immutable, Alias("crm.address")]
public sealed record Address(
    [property: Id(0)] string Street = "",
    [property: Id(1)] string City = "",
    [property: Id(2)] string PostalCode = "",
    [property: Id(3)] string Region = "",
    [property: Id(4)] string Country = "");
