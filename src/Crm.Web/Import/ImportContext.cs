using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Import;

/// <summary>
/// What building and checking rows needs from the portal, read once per import: who imports (the
/// default responsible), the selection lists the records' rules check against, the active users,
/// the custom fields (of all record types; <see cref="CustomFieldsOf"/> picks one's), and the
/// importing user's rights, which decide row by row whose records the file may add, and which
/// existing records (<see cref="Readable"/>, per record type) rows are matched against as duplicates.
/// </summary>
public sealed record ImportContext(
    RequestUser User,
    AccessProfile Access,
    IReadOnlyList<LeadStatus> LeadStatuses,
    IReadOnlyList<ListItem> LeadSources,
    IReadOnlyList<ListItem> ContactTypes,
    IReadOnlyList<ListItem> CompanyTypes,
    IReadOnlyList<ListItem> Industries,
    IReadOnlyList<UserSummary> ActiveUsers,
    IReadOnlyList<CustomField> CustomFields,
    IReadOnlyDictionary<string, ReadableRows> Readable)
{
    /// <summary>The custom fields of one record type ("lead").</summary>
    public IReadOnlyList<CustomField> CustomFieldsOf(string recordKind) => CustomFields.Where(f => f.RecordKind == recordKind).ToList();

    public static async Task<ImportContext> Load(IGrainFactory grains, UserQueries users, UserAccess access, ReadableRowsOf readable, RequestUser user)
    {
        var lists = grains.GetGrain<ICrmListsGrain>(user.PortalId);
        return new ImportContext(user, await access.Of(user), await lists.GetLeadStatuses(), await lists.GetLeadSources(), await lists.GetContactTypes(),
            await lists.GetCompanyTypes(), await lists.GetIndustries(), (await users.List(user.PortalId)).Where(u => u.IsActive).ToList(),
            await grains.GetGrain<ICustomFieldsGrain>(user.PortalId).Get(null),
            new Dictionary<string, ReadableRows>
            {
                ["lead"] = await readable.Leads(user), ["contact"] = await readable.Contacts(user), ["company"] = await readable.Companies(user),
            });
    }
}
