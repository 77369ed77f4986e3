using Crm.Web.Lists;
using MudBlazor;

namespace Crm.Web.Components.Shared;

/// <summary>
/// The list order a grid's header asks for. List columns are named after their field: a property
/// column's property is the field key in another case (StatusId, statusId), a custom column's name
/// is the field's code; <see cref="ListSort.By"/> matches either.
/// </summary>
public static class GridSort
{
    public static ListSort Of<T>(GridState<T> state, IReadOnlyList<ListField> fields, string recordKind) =>
        state.SortDefinitions.FirstOrDefault() is { } sort ? ListSort.By(fields, sort.SortBy, sort.Descending) : ListSort.Default(recordKind);
}
