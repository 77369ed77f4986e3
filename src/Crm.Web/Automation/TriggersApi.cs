using System.Security.Claims;
using Crm.Grains.Interfaces.Automation;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>
/// The triggers configuration API: a board's triggers per stage (<c>/api/pipelines/{id}/triggers</c>,
/// <c>/api/leads/triggers</c>) and replacing one stage's list, whole and in order.
/// </summary>
public static class TriggersApi
{
    /// <summary>A stage's triggers in order; an empty list removes them all.</summary>
    public sealed record TriggersBody(IReadOnlyList<TriggerBody?>? Triggers);

    /// <summary>A stage's triggers as stored.</summary>
    public sealed record StageTriggers(string StageId, IReadOnlyList<Trigger> Triggers);

    public static IEndpointRouteBuilder MapTriggersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Triggers");

        api.MapGet("/pipelines/{pipelineId:long}/triggers", async (ClaimsPrincipal user, TriggerBoardService boards, long pipelineId) =>
            TypedResults.Ok(await boards.Deals(RequestUser.Of(user), pipelineId)))
            .WithName("GetPipelineTriggers").WithDescription("Every stage of the pipeline in order, each with its triggers in order.");

        api.MapPut("/pipelines/{pipelineId:long}/stages/{stageId}/triggers", async (ClaimsPrincipal user, TriggerBoardService boards, long pipelineId, string stageId, TriggersBody? body) =>
            TypedResults.Ok(new StageTriggers(stageId, await boards.SetDeals(RequestUser.Of(user), pipelineId, stageId, body?.Triggers))))
            .WithName("SetStageTriggers")
            .WithDescription("Replaces the stage's triggers: {triggers: [{id?, name?, kind, allowBack?, code?, pipelineId?, stageId?, formId?, channel?}]}, checked as a whole; a refusal changes nothing.");

        api.MapGet("/leads/triggers", async (ClaimsPrincipal user, TriggerBoardService boards) =>
            TypedResults.Ok(await boards.Leads(RequestUser.Of(user))))
            .WithName("GetLeadTriggers").WithDescription("Every lead status in order, each with its triggers in order.");

        api.MapPut("/lead-statuses/{statusId}/triggers", async (ClaimsPrincipal user, TriggerBoardService boards, string statusId, TriggersBody? body) =>
            TypedResults.Ok(new StageTriggers(statusId, await boards.SetLeads(RequestUser.Of(user), statusId, body?.Triggers))))
            .WithName("SetLeadStatusTriggers").WithDescription("Replaces the lead status's triggers: {triggers: [...]}; the converted status takes none.");

        return app;
    }
}
