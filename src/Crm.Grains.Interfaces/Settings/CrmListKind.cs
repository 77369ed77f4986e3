namespace Crm.Grains.Interfaces.Settings;

/// <summary>The selection lists a portal can edit.</summary>
[GenerateSerializer]
public enum CrmListKind
{
    LeadStatuses = 0,
    LeadSources = 1,
    ContactTypes = 2,
    CompanyTypes = 3,
    Industries = 4,
}
