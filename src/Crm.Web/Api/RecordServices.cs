using Crm.Web.Companies;
using Crm.Web.Contacts;
using Crm.Web.Deals;
using Crm.Web.Leads;

namespace Crm.Web.Api;

/// <summary>The command services of the four record types and the user's rights, for code that works on any of them (bulk operations, merges).</summary>
public sealed record RecordServices(LeadService Leads, DealService Deals, ContactService Contacts, CompanyService Companies, Access.UserAccess Access);
