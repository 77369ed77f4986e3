using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Settings;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Import;

namespace Crm.Web.Tests.Import;

/// <summary>The import context of the unit tests: portal 1, admin Anna (7) importing, seller Bob (8), the default lists.</summary>
public static class ImportTestContext
{
    public static ImportContext With(IReadOnlyList<CustomField> customFields) => new(new RequestUser(1, 7), DefaultLists.LeadStatuses,
        DefaultLists.LeadSources, DefaultLists.ContactTypes, DefaultLists.CompanyTypes, DefaultLists.Industries,
        [new UserSummary(7, "Anna Admin", "anna@example.com", true), new UserSummary(8, "Bob Seller", "bob@example.com", true)], customFields,
        new AccessProfile(1, 7, IsAdmin: true, Version: 1, [], [], []), ReadableRows.Everything);
}
