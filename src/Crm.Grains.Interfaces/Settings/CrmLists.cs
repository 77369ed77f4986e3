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
/// company types, industries; key is
/// the portal id. Until a portal changes them, the defaults apply.
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
}
