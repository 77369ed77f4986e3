using System.Security.Claims;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Activities;

/// <summary>The activities HTTP API (<c>/api/activities</c>): calls, meetings, e-mails and tasks of records, and "my activities".</summary>
public static class ActivitiesApi
{
    public sealed record ActivityBody(ActivityType? Type, string? Subject, string? Description, int? ResponsibleId, RecordRef? Owner,
        DateTimeOffset? Deadline, long? Version);

    public sealed record DoneBody(bool? Done, long? Version);

    public static IEndpointRouteBuilder MapActivitiesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/activities").RequireAuthorization().WithTags("Activities");

        api.MapGet("/mine", async (ClaimsPrincipal user, ActivityQueries queries) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await queries.Mine(me.PortalId, me.UserId));
        }).WithName("MyActivities").WithDescription("The signed-in user's open activities, soonest deadline first, with overdue ones flagged.");

        api.MapGet("/", async (ClaimsPrincipal user, ActivityQueries queries, string ownerKind, long ownerId) =>
            TypedResults.Ok(await queries.OfRecord(user.PortalId(), ownerKind.ToLowerInvariant(), ownerId)))
            .WithName("RecordActivities").WithDescription("The activities of one lead, deal, contact or company.");

        api.MapPost("/", async (ClaimsPrincipal user, IGrainFactory grains, ActivityBody body) =>
        {
            var me = RequestUser.Of(user);
            var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(me.PortalId, "activity")).Next();
            var activity = await Activity(grains, me, id).Create(Fields(body, me, body.Owner), me.UserId);
            return TypedResults.Created($"/api/activities/{activity.Id}", activity);
        }).WithName("CreateActivity");

        api.MapGet("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id) =>
            TypedResults.Ok(await Activity(grains, RequestUser.Of(user), id).Get())).WithName("GetActivity");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id, ActivityBody body) =>
        {
            var me = RequestUser.Of(user);
            var grain = Activity(grains, me, id);
            return TypedResults.Ok(await grain.Update(Fields(body, me, (await grain.Get()).Fields.Owner), body.Version, me.UserId));
        }).WithName("UpdateActivity");

        api.MapPost("/{id:long}/done", async (ClaimsPrincipal user, IGrainFactory grains, long id, DoneBody body) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await Activity(grains, me, id).SetDone(body.Done ?? true, body.Version, me.UserId));
        }).WithName("CompleteActivity").WithDescription("Marks done ({done: true}, the default) or open again; recorded on the record's timeline.");

        api.MapDelete("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id, long? version) =>
        {
            var me = RequestUser.Of(user);
            await Activity(grains, me, id).Delete(version, me.UserId);
            return TypedResults.NoContent();
        }).WithName("DeleteActivity");

        return app;
    }

    private static IActivityGrain Activity(IGrainFactory grains, RequestUser me, long id) => grains.GetGrain<IActivityGrain>(GrainKeys.For(me.PortalId, id));

    private static ActivityFields Fields(ActivityBody b, RequestUser me, RecordRef? owner) => new(
        b.Type ?? ActivityType.Task, b.Subject ?? "", b.ResponsibleId ?? me.UserId, owner ?? new RecordRef("", 0), b.Description ?? "", b.Deadline);
}
