using System.Security.Claims;
using Crm.Grains.Interfaces.Automation;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>
/// The robots API: a board's robots per stage (<c>/api/pipelines/{id}/robots</c>, <c>/api/leads/robots</c>),
/// replacing one stage's list, the fields robots may use, and the portal's working hours. A stage's
/// list is replaced whole and in order (send what GET gave, changed); the answer is the list as stored.
/// </summary>
public static class RobotsApi
{
    /// <summary>A stage's robots in order; an empty list removes them all.</summary>
    public sealed record RobotsBody(IReadOnlyList<Robot?>? Robots);

    /// <summary>A stage's robots as stored.</summary>
    public sealed record StageRobots(string StageId, IReadOnlyList<Robot> Robots);

    public static IEndpointRouteBuilder MapRobotsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().WithTags("Robots");

        api.MapGet("/pipelines/{pipelineId:long}/robots", async (ClaimsPrincipal user, RobotBoardService boards, long pipelineId) =>
            TypedResults.Ok(await boards.Deals(RequestUser.Of(user), pipelineId)))
            .WithName("GetPipelineRobots").WithDescription("Every stage of the pipeline in order, each with its robots in order.");

        api.MapPut("/pipelines/{pipelineId:long}/stages/{stageId}/robots", async (ClaimsPrincipal user, RobotBoardService boards, long pipelineId, string stageId, RobotsBody? body) =>
            TypedResults.Ok(new StageRobots(stageId, await boards.SetDeals(RequestUser.Of(user), pipelineId, stageId, body?.Robots))))
            .WithName("SetStageRobots").WithDescription("Replaces the stage's robots: {robots: [...]}, checked as a whole; a refusal changes nothing.");

        api.MapGet("/leads/robots", async (ClaimsPrincipal user, RobotBoardService boards) =>
            TypedResults.Ok(await boards.Leads(RequestUser.Of(user))))
            .WithName("GetLeadRobots").WithDescription("Every lead status in order, each with its robots in order.");

        api.MapPut("/lead-statuses/{statusId}/robots", async (ClaimsPrincipal user, RobotBoardService boards, string statusId, RobotsBody? body) =>
            TypedResults.Ok(new StageRobots(statusId, await boards.SetLeads(RequestUser.Of(user), statusId, body?.Robots))))
            .WithName("SetLeadStatusRobots").WithDescription("Replaces the lead status's robots: {robots: [...]}.");

        api.MapGet("/robots/fields", async (ClaimsPrincipal user, RobotFieldList fields, string? kind) =>
            TypedResults.Ok(await fields.Of(RequestUser.Of(user), kind)))
            .WithName("GetRobotFields").WithDescription("kind=deal|lead: the fields robots use in conditions, templates ({{code}}) and SetField, with operators and list items.");

        api.MapGet("/settings/working-hours", async (ClaimsPrincipal user, WorkingHoursSettings settings) =>
            TypedResults.Ok(WorkingHoursView.Of(await settings.Get(RequestUser.Of(user)))))
            .WithName("GetWorkingHours").WithDescription("The portal's working hours: {timeZoneId, days, start, end} with times as HH:mm.");

        api.MapPut("/settings/working-hours", async (ClaimsPrincipal user, WorkingHoursSettings settings, WorkingHoursView? body) =>
            TypedResults.Ok(WorkingHoursView.Of(await settings.Set(RequestUser.Of(user),
                (body ?? throw CrmException.Invalid("body_required", "Send {timeZoneId, days, start, end}.")).ToWorkingHours()))))
            .WithName("SetWorkingHours").WithDescription("Sets the working hours robots marked 'working hours only' wait for.");

        return app;
    }
}
