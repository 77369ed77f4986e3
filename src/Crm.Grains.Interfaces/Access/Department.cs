namespace Crm.Grains.Interfaces.Access;

/// <summary>A department of a portal's tree (no parent: a top department), its head and its members.</summary>
[GenerateSerializer, Immutable, Alias("crm.department")]
public sealed record Department(
    [property: Id(0)] int Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int? ParentId,
    [property: Id(3)] int? HeadId,
    [property: Id(4)] IReadOnlyList<int> MemberIds);
