namespace Crm.Grains.Interfaces.Settings;

/// <summary>What a lead status means: still worked on, turned into a client, or thrown away.</summary>
[GenerateSerializer]
public enum LeadStatusSemantic
{
    InProgress = 0,
    Converted = 1,
    Junk = 2,
}

/// <summary>One lead status, in the portal's order.</summary>
[GenerateSerializer, Immutable, Alias("crm.lead-status")]
public sealed record LeadStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Color,
    [property: Id(3)] LeadStatusSemantic Semantic);

/// <summary>One entry of a simple selection list (lead sources, contact types, ...).</summary>
[GenerateSerializer, Immutable, Alias("crm.list-item")]
public sealed record ListItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name);

/// <summary>
/// A portal's selection lists (Bitrix24's "selection lists"): lead statuses and sources, contact and
/// company types, industries; key is the portal id. Until a portal changes them, the defaults apply.
/// The single writer of the lists: each is replaced whole, checked by one set of rules, and an item
/// still used by a live record cannot be removed.
/// </summary>
public interface ICrmListsGrain : IGrainWithIntegerKey
{
    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<LeadStatus>> GetLeadStatuses();

    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<ListItem>> GetLeadSources();

    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<ListItem>> GetContactTypes();

    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<ListItem>> GetCompanyTypes();

    [Orleans.Concurrency.AlwaysInterleave]
    Task<IReadOnlyList<ListItem>> GetIndustries();

    /// <summary>
    /// Replaces the lead statuses (in board order: in-progress first, then exactly one converted and
    /// at least one junk status); returns them as stored. Lead boards reshape live.
    /// </summary>
    Task<IReadOnlyList<LeadStatus>> SetLeadStatuses(IReadOnlyList<LeadStatus> statuses, int actorId);

    /// <summary>Replaces the lead sources; returns them as stored (ids trimmed and upper-cased).</summary>
    Task<IReadOnlyList<ListItem>> SetLeadSources(IReadOnlyList<ListItem> items, int actorId);

    /// <summary>Replaces the contact types; returns them as stored.</summary>
    Task<IReadOnlyList<ListItem>> SetContactTypes(IReadOnlyList<ListItem> items, int actorId);

    /// <summary>Replaces the company types; returns them as stored.</summary>
    Task<IReadOnlyList<ListItem>> SetCompanyTypes(IReadOnlyList<ListItem> items, int actorId);

    /// <summary>Replaces the industries; returns them as stored.</summary>
    Task<IReadOnlyList<ListItem>> SetIndustries(IReadOnlyList<ListItem> items, int actorId);
}
