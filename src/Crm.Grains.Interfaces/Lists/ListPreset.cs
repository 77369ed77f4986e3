namespace Crm.Grains.Interfaces.Lists;

/// <summary>The ways a list can be filtered by a field.</summary>
[GenerateSerializer]
public enum FilterOp
{
    Eq = 0,
    In = 1,
    Contains = 2,
    Range = 3,
    Empty = 4,
    NotEmpty = 5,
}

/// <summary>One condition of a list filter: a field (standard key or custom code), an operator and its value(s).</summary>
[GenerateSerializer, Immutable, Alias("crm.filter-condition")]
public sealed record FilterCondition(
    [property: Id(0)] string Field,
    [property: Id(1)] FilterOp Op,
    [property: Id(2)] string? Value = null,
    [property: Id(3)] IReadOnlyList<string>? Values = null,
    [property: Id(4)] string? From = null,
    [property: Id(5)] string? To = null);

/// <summary>A filter a user saved under a name for one record type's list, with the search text and the columns shown.</summary>
[GenerateSerializer, Immutable, Alias("crm.list-preset")]
public sealed record ListPreset(
    [property: Id(0)] string Name,
    [property: Id(1)] string RecordKind,
    [property: Id(2)] IReadOnlyList<FilterCondition> Conditions,
    [property: Id(3)] string? Search = null,
    [property: Id(4)] IReadOnlyList<string>? Columns = null);

/// <summary>One user's saved list presets; key "{portal}/{user}".</summary>
public interface IListPresetsGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<ListPreset>> Get(string recordKind);

    /// <summary>Saves the preset, replacing one of the same name and record type.</summary>
    Task<ListPreset> Save(ListPreset preset);

    Task Delete(string recordKind, string name);
}
