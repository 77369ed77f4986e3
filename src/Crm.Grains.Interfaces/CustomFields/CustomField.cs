using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Interfaces.CustomFields;

/// <summary>The kinds of value a custom field holds (Bitrix24's user field types).</summary>
[GenerateSerializer]
public enum CustomFieldType
{
    String = 0,
    Number = 1,
    Date = 2,
    Boolean = 3,
    List = 4,
    Money = 5,
    Url = 6,
    User = 7,
}

/// <summary>
/// A field a portal added to one record type ("lead", "deal", "contact", "company"). Records keep
/// its value under <see cref="Code"/> (UF_CRM_n, as in Bitrix24) in canonical text: numbers
/// invariant, dates yyyy-MM-dd, booleans true/false, money "12.50|USD", lists the item id, users the
/// user id.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.custom-field")]
public sealed record CustomField(
    [property: Id(0)] string Code,
    [property: Id(1)] string RecordKind,
    [property: Id(2)] string Label,
    [property: Id(3)] CustomFieldType Type,
    [property: Id(4)] bool Required = false,
    [property: Id(5)] IReadOnlyList<ListItem>? Items = null);

/// <summary>What a user gives to define or redefine a custom field (the code is the portal's to choose).</summary>
[GenerateSerializer, Immutable, Alias("crm.custom-field-definition")]
public sealed record CustomFieldDefinition(
    [property: Id(0)] string RecordKind,
    [property: Id(1)] string Label,
    [property: Id(2)] CustomFieldType Type,
    [property: Id(3)] bool Required = false,
    [property: Id(4)] IReadOnlyList<ListItem>? Items = null);

/// <summary>A portal's custom fields of all record types; key is the portal id.</summary>
public interface ICustomFieldsGrain : IGrainWithIntegerKey
{
    /// <summary>The fields of one record type in the portal's order (all types when null).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<CustomField>> Get(string? recordKind);

    Task<CustomField> Add(CustomFieldDefinition definition, int actorId);

    /// <summary>Changes label, required flag and list items; the record type and the value type are fixed.</summary>
    Task<CustomField> Update(string code, CustomFieldDefinition definition, int actorId);

    /// <summary>Removes the field; values records hold stay in their history but no longer show.</summary>
    Task Delete(string code, int actorId);
}
