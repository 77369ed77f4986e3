using Crm.Grains.Common;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Settings;

/// <summary>A portal's selection lists; the defaults until the portal edits them. Rules in <see cref="ListRules"/>.</summary>
[GrainType("crm-lists")]
public sealed class CrmListsGrain(
    [PersistentState("lists", StorageNames.Crm)] IPersistentState<CrmListsState> state,
    IListUsage usage,
    ILogger<CrmListsGrain> log) : Grain, ICrmListsGrain
{
    private int PortalId => (int)this.GetPrimaryKeyLong();

    public Task<IReadOnlyList<LeadStatus>> GetLeadStatuses() => Task.FromResult(state.State.LeadStatuses ?? DefaultLists.LeadStatuses);

    public Task<IReadOnlyList<ListItem>> GetLeadSources() => Task.FromResult(state.State.LeadSources ?? DefaultLists.LeadSources);

    public Task<IReadOnlyList<ListItem>> GetContactTypes() => Task.FromResult(state.State.ContactTypes ?? DefaultLists.ContactTypes);

    public Task<IReadOnlyList<ListItem>> GetCompanyTypes() => Task.FromResult(state.State.CompanyTypes ?? DefaultLists.CompanyTypes);

    public Task<IReadOnlyList<ListItem>> GetIndustries() => Task.FromResult(state.State.Industries ?? DefaultLists.Industries);

    public async Task<IReadOnlyList<LeadStatus>> SetLeadStatuses(IReadOnlyList<LeadStatus> statuses, int actorId)
    {
        var before = await GetLeadStatuses();
        var after = ListRules.CheckLeadStatuses(statuses);
        if (after.SequenceEqual(before)) return before;
        var meaningChanged = ListRules.ConversionMeaningChanged(before, after);
        await Replace(CrmListKind.LeadStatuses, before, after, s => s.Id, s => s.Name, s => s.LeadStatuses, (s, l) => s.LeadStatuses = l, meaningChanged, actorId);
        try
        {
            await GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.LeadBoard(PortalId)).PublishLeadStatuses(new LeadStatusesChanged(PortalId, after));
        }
        catch (Exception e)
        {
            // The statuses are stored: open boards show the old columns until they reload, which is
            // better than reporting a stored change as failed.
            log.LogWarning(e, "Lead boards of portal {Portal} were not told of the new statuses", PortalId);
        }
        return after;
    }

    public Task<IReadOnlyList<ListItem>> SetLeadSources(IReadOnlyList<ListItem> items, int actorId) =>
        SetItems(CrmListKind.LeadSources, items, s => s.LeadSources, (s, l) => s.LeadSources = l, DefaultLists.LeadSources, actorId);

    public Task<IReadOnlyList<ListItem>> SetContactTypes(IReadOnlyList<ListItem> items, int actorId) =>
        SetItems(CrmListKind.ContactTypes, items, s => s.ContactTypes, (s, l) => s.ContactTypes = l, DefaultLists.ContactTypes, actorId);

    public Task<IReadOnlyList<ListItem>> SetCompanyTypes(IReadOnlyList<ListItem> items, int actorId) =>
        SetItems(CrmListKind.CompanyTypes, items, s => s.CompanyTypes, (s, l) => s.CompanyTypes = l, DefaultLists.CompanyTypes, actorId);

    public Task<IReadOnlyList<ListItem>> SetIndustries(IReadOnlyList<ListItem> items, int actorId) =>
        SetItems(CrmListKind.Industries, items, s => s.Industries, (s, l) => s.Industries = l, DefaultLists.Industries, actorId);

    private async Task<IReadOnlyList<ListItem>> SetItems(CrmListKind kind, IReadOnlyList<ListItem> items,
        Func<CrmListsState, IReadOnlyList<ListItem>?> get, Action<CrmListsState, IReadOnlyList<ListItem>?> set, IReadOnlyList<ListItem> defaults, int actorId)
    {
        var before = get(state.State) ?? defaults;
        var after = ListRules.CheckItems(items);
        if (after.SequenceEqual(before)) return before;
        await Replace(kind, before, after, i => i.Id, i => i.Name, get, set, [], actorId);
        return after;
    }

    /// <summary>
    /// Stores the new list unless an item it drops (or one in <paramref name="mustBeUnused"/>) is still
    /// used by a live record. The new list is in place before usage is counted, so commands arriving
    /// meanwhile (reads interleave) already refuse the dropped items; it is put back if refused or if
    /// the write fails. A command that read the old list just before can still land on a dropped item:
    /// that record keeps the id, and can be moved to another item.
    /// </summary>
    private async Task Replace<T>(CrmListKind kind, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> id, Func<T, string> name,
        Func<CrmListsState, IReadOnlyList<T>?> get, Action<CrmListsState, IReadOnlyList<T>?> set, IReadOnlyList<string> mustBeUnused, int actorId)
    {
        var removed = ListRules.Removed(before.Select(id), after.Select(id));
        var check = removed.Concat(mustBeUnused).ToList();
        var stored = get(state.State);
        set(state.State, after);
        try
        {
            if (check.Count > 0 && await usage.Count(PortalId, kind, check) is { Count: > 0 } used)
            {
                var itemId = check.First(used.ContainsKey);
                var itemName = name(before.First(i => id(i) == itemId));
                throw removed.Contains(itemId)
                    ? CrmException.Invalid("list_item_in_use", $"{Noun(kind)} '{itemName}' ({itemId}) is used by {Records(kind, used[itemId])}; " +
                        $"give them another {Noun(kind).ToLowerInvariant()} before removing it.")
                    : CrmException.Invalid("status_meaning_in_use", $"Status '{itemName}' ({itemId}) holds {Records(kind, used[itemId])}; " +
                        "it cannot become or stop being the converted status while leads are in it.");
            }
            await state.WriteStateAsync();
        }
        catch
        {
            set(state.State, stored);
            throw;
        }
        log.LogInformation("Portal {Portal}: {List} replaced by user {Actor} ({Count} items, {Removed} removed)", PortalId, kind, actorId, after.Count, removed.Count);
    }

    private static string Noun(CrmListKind kind) => kind switch
    {
        CrmListKind.LeadStatuses => "Lead status",
        CrmListKind.LeadSources => "Lead source",
        CrmListKind.ContactTypes => "Contact type",
        CrmListKind.CompanyTypes => "Company type",
        _ => "Industry",
    };

    private static string Records(CrmListKind kind, long count)
    {
        var noun = kind switch
        {
            CrmListKind.LeadStatuses or CrmListKind.LeadSources => "lead",
            CrmListKind.ContactTypes => "contact",
            _ => "company",
        };
        return count == 1 ? $"1 {noun}" : $"{count} {(noun == "company" ? "companies" : noun + "s")}";
    }
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
