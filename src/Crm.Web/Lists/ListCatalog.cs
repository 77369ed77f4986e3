using Crm.Grains.Interfaces.Lists;
using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Web.Lists;

/// <summary>The fields a portal's list of one record type offers: the standard ones and the portal's custom fields.</summary>
public sealed class ListCatalog(IGrainFactory grains)
{
    public async Task<IReadOnlyList<ListField>> Fields(int portalId, string recordKind) =>
        ListFields.For(recordKind, await grains.GetGrain<ICustomFieldsGrain>(portalId).Get(recordKind));

    /// <summary>The filter of a list request (JSON conditions), checked when the query is built; null when there is none.</summary>
    public async Task<ListFilter?> Filter(int portalId, string recordKind, string? json) =>
        FilterSql.Parse(json) is { } conditions ? new ListFilter(await Fields(portalId, recordKind), conditions) : null;

    /// <summary>The order of a list request: by the field <paramref name="key"/> names (standard or the portal's custom), else the list's usual order.</summary>
    public async Task<ListSort> Sort(int portalId, string recordKind, string? key, bool? descending) =>
        string.IsNullOrWhiteSpace(key) ? ListSort.Default(recordKind, descending) : ListSort.By(await Fields(portalId, recordKind), key, descending ?? false);
}
