using System.Text.Json;
using Crm.Web.Access;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Deals;
using Crm.Web.Api;
using Crm.Web.Lists;
using Crm.Web.CustomFields;
using System.Security.Claims;

namespace Crm.Web.Deals;

/// <summary>The deals HTTP API (<c>/api/deals</c>). Commands go to the deal's grain; reads come from the read model.</summary>
public static class DealsApi
{
    public sealed record DealBody(
        long? PipelineId, string? StageId, string? Title, decimal? Amount, string? Currency, int? ResponsibleId,
        DateOnly? BeginDate, DateOnly? CloseDate, string? Comments, long? CompanyId, IReadOnlyList<long>? ContactIds, long? Version, IReadOnlyDictionary<string, JsonElement>? Custom = null);

    public sealed record MoveBody(string? StageId, long? UnderDealId, double? Position, long? Version);

    public sealed record CloseBody(DealOutcome Outcome, long? Version);

    public sealed record ReopenBody(string? StageId, long? Version);

    public static IEndpointRouteBuilder MapDealsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deals").RequireAuthorization().WithTags("Deals");

        api.MapGet("/", async (ClaimsPrincipal user, DealQueries queries, ListCatalog catalog, ReadableRowsOf readable, long? pipelineId, string? search, string? filter, string? sort, bool? desc, int? page, int? pageSize) =>
        {
            var order = await catalog.Sort(user.PortalId(), "deal", sort, desc);
            var (offset, size) = Paging.Of(page, pageSize);
            var conditions = await catalog.Filter(user.PortalId(), "deal", filter);
            return TypedResults.Ok(await queries.List(user.PortalId(), await readable.Deals(RequestUser.Of(user), pipelineId), pipelineId, search, order, offset, size, conditions));
        }).WithName("ListDeals").WithDescription("A page of deals: filter by pipeline or any field (filter: JSON conditions), search the title, "
            + "sort by any sortable field key or custom field code (default id).");

        api.MapPost("/", async (ClaimsPrincipal user, DealService deals, DealBody body) =>
        {
            var me = RequestUser.Of(user);
            var deal = await deals.Create(me, body.PipelineId, body.StageId, Fields(body, me, defaultCurrency: Currencies.Default));
            return TypedResults.Created($"/api/deals/{deal.Id}", deal);
        }).WithName("CreateDeal");

        api.MapGet("/{id:long}", async (ClaimsPrincipal user, DealService deals, long id) =>
            TypedResults.Ok(await deals.Get(RequestUser.Of(user), id))).WithName("GetDeal");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, DealService deals, long id, DealBody body) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await deals.Update(me, id, Fields(body, me, defaultCurrency: null), body.Version));
        }).WithName("UpdateDeal").WithDescription("Replaces the editable fields; send the version you edited to detect conflicts.");

        api.MapPost("/{id:long}/move", async (ClaimsPrincipal user, DealService deals, long id, MoveBody body) =>
            TypedResults.Ok(await deals.Move(RequestUser.Of(user), id, body.StageId ?? "", body.UnderDealId, body.Position, body.Version)))
            .WithName("MoveDeal").WithDescription("Moves to a stage: under the card underDealId, at an explicit position, or (neither) on top of a new column.");

        api.MapPost("/{id:long}/close", async (ClaimsPrincipal user, DealService deals, long id, CloseBody body) =>
            TypedResults.Ok(await deals.Close(RequestUser.Of(user), id, body.Outcome, body.Version))).WithName("CloseDeal");

        api.MapPost("/{id:long}/reopen", async (ClaimsPrincipal user, DealService deals, long id, ReopenBody body) =>
            TypedResults.Ok(await deals.Reopen(RequestUser.Of(user), id, body.StageId, body.Version))).WithName("ReopenDeal");

        api.MapDelete("/{id:long}", async (ClaimsPrincipal user, DealService deals, long id, long? version) =>
        {
            await deals.Delete(RequestUser.Of(user), id, version);
            return TypedResults.NoContent();
        }).WithName("DeleteDeal");

        api.MapGet("/{id:long}/history", async (ClaimsPrincipal user, DealService deals, DealQueries queries, long id) =>
        {
            var me = RequestUser.Of(user);
            await deals.Get(me, id); // 404 for unknown and deleted deals
            return TypedResults.Ok(await queries.GetHistory(me.PortalId, id));
        }).WithName("GetDealHistory").WithDescription("The deal's timeline, newest first.");

        return app;
    }

    private static DealFields Fields(DealBody body, RequestUser me, string? defaultCurrency) => new(
        body.Title ?? "", body.Amount ?? 0, body.Currency ?? defaultCurrency ?? "", body.ResponsibleId ?? me.UserId,
        body.BeginDate, body.CloseDate, body.Comments ?? "", body.CompanyId, body.ContactIds, CustomInput.Text(body.Custom));
}
