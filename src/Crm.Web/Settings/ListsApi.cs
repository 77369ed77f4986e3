using System.Security.Claims;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Settings;

/// <summary>
/// The portal's selection lists (<c>/api/lists/{name}</c>): GET gives a list in its order, PUT
/// replaces it whole (send what GET gave, changed) and answers with the list as stored.
/// </summary>
public static class ListsApi
{
    public sealed record StatusBody(string? Id, string? Name, string? Color, LeadStatusSemantic? Semantic);

    public sealed record ItemBody(string? Id, string? Name);

    /// <summary>The list names of the URL, in the order the settings page shows them.</summary>
    public static readonly IReadOnlyDictionary<string, CrmListKind> Names = new Dictionary<string, CrmListKind>
    {
        ["lead-statuses"] = CrmListKind.LeadStatuses,
        ["lead-sources"] = CrmListKind.LeadSources,
        ["contact-types"] = CrmListKind.ContactTypes,
        ["company-types"] = CrmListKind.CompanyTypes,
        ["industries"] = CrmListKind.Industries,
    };

    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder app)
    {
        var lists = app.MapGroup("/api/lists").RequireAuthorization().WithTags("Lists");

        lists.MapGet("/lead-statuses", async (ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await Lists(grains, user).GetLeadStatuses())).WithName("GetLeadStatuses");
        lists.MapPut("/lead-statuses", async (ClaimsPrincipal user, IGrainFactory grains, List<StatusBody?>? body) =>
            TypedResults.Ok(await Lists(grains, user).SetLeadStatuses(Statuses(body)!, user.UserId())))
            .WithName("SetLeadStatuses").RequireSettingsRight().WithDescription("Replaces the lead statuses: in-progress ones first, then exactly one converted and at least one junk status.");

        MapItems(lists, "lead-sources", "LeadSources", l => l.GetLeadSources(), (l, items, actor) => l.SetLeadSources(items, actor));
        MapItems(lists, "contact-types", "ContactTypes", l => l.GetContactTypes(), (l, items, actor) => l.SetContactTypes(items, actor));
        MapItems(lists, "company-types", "CompanyTypes", l => l.GetCompanyTypes(), (l, items, actor) => l.SetCompanyTypes(items, actor));
        MapItems(lists, "industries", "Industries", l => l.GetIndustries(), (l, items, actor) => l.SetIndustries(items, actor));

        // Literal routes win over this one: whatever else is asked for is not a list.
        lists.MapMethods("/{name}", [HttpMethods.Get, HttpMethods.Put], IResult (string name) =>
            throw CrmException.NotFound("unknown_list", $"'{name}' is not a selection list; use one of {string.Join(", ", Names.Keys)}."))
            .ExcludeFromDescription();
        return app;
    }

    private static void MapItems(RouteGroupBuilder lists, string path, string name,
        Func<ICrmListsGrain, Task<IReadOnlyList<ListItem>>> get, Func<ICrmListsGrain, IReadOnlyList<ListItem>, int, Task<IReadOnlyList<ListItem>>> set)
    {
        lists.MapGet($"/{path}", async (ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await get(Lists(grains, user)))).WithName($"Get{name}");
        lists.MapPut($"/{path}", async (ClaimsPrincipal user, IGrainFactory grains, List<ItemBody?>? body) =>
            TypedResults.Ok(await set(Lists(grains, user), Items(body)!, user.UserId()))).WithName($"Set{name}").RequireSettingsRight();
    }

    private static ICrmListsGrain Lists(IGrainFactory grains, ClaimsPrincipal user) => grains.GetGrain<ICrmListsGrain>(user.PortalId());

    // Absent values go to the rules as they are (null, or an undefined meaning), which name the field at fault.
    private static List<LeadStatus?>? Statuses(List<StatusBody?>? body) =>
        body?.Select(s => s is null ? null : new LeadStatus(s.Id!, s.Name!, s.Color!, s.Semantic ?? (LeadStatusSemantic)(-1))).ToList();

    private static List<ListItem?>? Items(List<ItemBody?>? body) =>
        body?.Select(i => i is null ? null : new ListItem(i.Id!, i.Name!)).ToList();
}
