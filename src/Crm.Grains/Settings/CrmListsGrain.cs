using Crm.Grains.Common;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Settings;

/// <summary>A portal's selection lists; the defaults until the portal edits them.</summary>
[GrainType("crm-lists")]
public sealed class CrmListsGrain(
    [PersistentState("lists", StorageNames.Crm)] IPersistentState<CrmListsState> state) : Grain, ICrmListsGrain
{
    public Task<IReadOnlyList<LeadStatus>> GetLeadStatuses() => Task.FromResult(state.State.LeadStatuses ?? DefaultLists.LeadStatuses);

    public Task<IReadOnlyList<ListItem>> GetLeadSources() => Task.FromResult(state.State.LeadSources ?? DefaultLists.LeadSources);

    public Task<IReadOnlyList<ListItem>> GetContactTypes() => Task.FromResult(state.State.ContactTypes ?? DefaultLists.ContactTypes);

    public Task<IReadOnlyList<ListItem>> GetCompanyTypes() => Task.FromResult(state.State.CompanyTypes ?? DefaultLists.CompanyTypes);

    public Task<IReadOnlyList<ListItem>> GetIndustries() => Task.FromResult(state.State.Industries ?? DefaultLists.Industries);
}

/// <summary>Only lists a portal has changed are stored; null means the default.</summary>
public sealed class CrmListsState
{
    public IReadOnlyList<LeadStatus>? LeadStatuses { get; set; }
    public IReadOnlyList<ListItem>? LeadSources { get; set; }
    public IReadOnlyList<ListItem>? ContactTypes { get; set; }
    public IReadOnlyList<ListItem>? CompanyTypes { get; set; }
    public IReadOnlyList<ListItem>? Industries { get; set; }
}
