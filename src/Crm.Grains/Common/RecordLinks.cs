using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;

namespace Crm.Grains.Common;

/// <summary>Checks that records a record links to exist in the same portal (ids of other portals mean nothing here).</summary>
public static class RecordLinks
{
    public static async Task CheckCompanies(IGrainFactory grains, int portalId, IEnumerable<long> ids, string field)
    {
        foreach (var id in ids)
            await Exists(() => grains.GetGrain<ICompanyGrain>(GrainKeys.For(portalId, id)).Get(), "unknown_company", $"Company {id} does not exist.", field);
    }

    public static async Task CheckContacts(IGrainFactory grains, int portalId, IEnumerable<long> ids, string field)
    {
        foreach (var id in ids)
            await Exists(() => grains.GetGrain<IContactGrain>(GrainKeys.For(portalId, id)).Get(), "unknown_contact", $"Contact {id} does not exist.", field);
    }

    private static async Task Exists(Func<Task> get, string code, string message, string field)
    {
        try
        {
            await get();
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
        {
            throw CrmException.Invalid(code, message, field);
        }
    }
}
