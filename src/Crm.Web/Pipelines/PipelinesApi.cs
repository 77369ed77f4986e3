using System.Security.Claims;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Deals;

namespace Crm.Web.Pipelines;

/// <summary>The pipelines HTTP API (<c>/api/pipelines</c>): pipelines, their stages, and board snapshots.</summary>
public static class PipelinesApi
{
    public sealed record NameBody(string? Name);

    public sealed record StageBody(string? Name, string? Color, StageSemantic? Semantic, int? Index);

    public sealed record OrderBody(IReadOnlyList<string>? StageIds);

    public static IEndpointRouteBuilder MapPipelinesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pipelines").RequireAuthorization().WithTags("Pipelines");

        api.MapGet("/", async (ClaimsPrincipal user, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IPortalGrain>(user.PortalId()).GetPipelines())).WithName("ListPipelines");

        api.MapPost("/", async (ClaimsPrincipal user, IGrainFactory grains, NameBody body) =>
        {
            var me = RequestUser.Of(user);
            var pipeline = await grains.GetGrain<IPortalGrain>(me.PortalId).CreatePipeline(body.Name ?? "", [], me.UserId);
            return TypedResults.Created($"/api/pipelines/{pipeline.Id}", pipeline);
        }).WithName("CreatePipeline").RequireSettingsRight().WithDescription("Creates a pipeline with the default stages.");

        api.MapGet("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id) =>
            TypedResults.Ok(await Pipeline(grains, user, id).Get())).WithName("GetPipeline");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id, NameBody body) =>
            TypedResults.Ok(await Pipeline(grains, user, id).Rename(body.Name ?? "", user.UserId()))).WithName("RenamePipeline").RequireSettingsRight();

        api.MapPost("/{id:long}/stages", async (ClaimsPrincipal user, IGrainFactory grains, long id, StageBody body) =>
            TypedResults.Ok(await Pipeline(grains, user, id).AddStage(
                new NewStage(body.Name ?? "", body.Color ?? "", body.Semantic ?? StageSemantic.InProgress, body.Index), user.UserId())))
            .WithName("AddStage").RequireSettingsRight();

        api.MapPut("/{id:long}/stages/{stageId}", async (ClaimsPrincipal user, IGrainFactory grains, long id, string stageId, StageBody body) =>
            TypedResults.Ok(await Pipeline(grains, user, id).UpdateStage(stageId, body.Name ?? "", body.Color ?? "", user.UserId())))
            .WithName("UpdateStage").RequireSettingsRight().WithDescription("Renames and recolours a stage.");

        api.MapPut("/{id:long}/stage-order", async (ClaimsPrincipal user, IGrainFactory grains, long id, OrderBody body) =>
            TypedResults.Ok(await Pipeline(grains, user, id).ReorderStages(body.StageIds ?? [], user.UserId())))
            .WithName("ReorderStages").RequireSettingsRight();

        api.MapDelete("/{id:long}/stages/{stageId}", async (ClaimsPrincipal user, IGrainFactory grains, long id, string stageId, string? moveDealsTo) =>
            TypedResults.Ok(await Pipeline(grains, user, id).DeleteStage(stageId, moveDealsTo, user.UserId())))
            .WithName("DeleteStage").RequireSettingsRight().WithDescription("Deletes a stage; a stage holding deals needs moveDealsTo.");

        api.MapGet("/{id:long}/board", async (ClaimsPrincipal user, IGrainFactory grains, DealQueries queries, ReadableRowsOf readable, long id, int? perColumn) =>
        {
            var pipeline = await Pipeline(grains, user, id).Get();
            return TypedResults.Ok(await queries.GetBoard(user.PortalId(), await readable.Deals(RequestUser.Of(user), id), pipeline, Math.Clamp(perColumn ?? 20, 1, 200)));
        }).WithName("GetBoard").WithDescription("Board snapshot: stages, per-column totals, first cards of each column with their versions.");

        api.MapGet("/{id:long}/stages/{stageId}/deals", async (ClaimsPrincipal user, IGrainFactory grains, DealQueries queries, ReadableRowsOf readable, long id, string stageId, double? afterPosition, long? afterId, int? take) =>
        {
            var pipeline = await Pipeline(grains, user, id).Get();
            if (pipeline.FindStage(stageId) is null) throw Grains.Pipelines.StageRules.UnknownStage(stageId);
            var (deals, hasMore) = await queries.GetColumnPage(user.PortalId(), await readable.Deals(RequestUser.Of(user), id), id, stageId, afterPosition, afterId, Math.Clamp(take ?? 20, 1, 200));
            return TypedResults.Ok(new { deals, hasMore });
        }).WithName("GetColumnPage").WithDescription("The next cards of a column after (afterPosition, afterId).");

        return app;
    }

    private static IPipelineGrain Pipeline(IGrainFactory grains, ClaimsPrincipal user, long id) =>
        grains.GetGrain<IPipelineGrain>(GrainKeys.For(user.PortalId(), id));
}
