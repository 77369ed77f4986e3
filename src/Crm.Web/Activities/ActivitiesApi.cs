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

        api.MapGet("/mine", async (ClaimsPrincipal user, ActivityQueries queries, ReadableRowsOf readable) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await queries.Mine(me.PortalId, await readable.Activities(me), me.UserId));
        }).WithName("MyActivities").WithDescription("The signed-in user's open activities, soonest deadline first, with overdue ones flagged.");

        api.MapGet("/", async (ClaimsPrincipal user, ActivityQueries queries, RecordOwners owners, ReadableRowsOf readable, string ownerKind, long ownerId) =>
        {
            var me = RequestUser.Of(user);
            await owners.RequireReadable(me, new RecordRef(ownerKind.ToLowerInvariant(), ownerId));
            return TypedResults.Ok(await queries.OfRecord(me.PortalId, await readable.Activities(me), ownerKind.ToLowerInvariant(), ownerId));
        })
            .WithName("RecordActivities").WithDescription("The activities of one lead, deal, contact or company.");

        api.MapPost("/", async (ClaimsPrincipal user, ActivityService activities, ActivityBody body) =>
        {
            var me = RequestUser.Of(user);
            var activity = await activities.Create(me, Fields(body, me, body.Owner));
            return TypedResults.Created($"/api/activities/{activity.Id}", activity);
        }).WithName("CreateActivity");

        api.MapGet("/{id:long}", async (ClaimsPrincipal user, ActivityService activities, long id) =>
            TypedResults.Ok(await activities.Get(RequestUser.Of(user), id))).WithName("GetActivity");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, ActivityService activities, long id, ActivityBody body) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await activities.Update(me, id, a => Fields(body, me, a.Fields.Owner), body.Version));
        }).WithName("UpdateActivity");

        api.MapPost("/{id:long}/done", async (ClaimsPrincipal user, ActivityService activities, long id, DoneBody body) =>
            TypedResults.Ok(await activities.SetDone(RequestUser.Of(user), id, body.Done ?? true, body.Version))).WithName("CompleteActivity").WithDescription("Marks done ({done: true}, the default) or open again; recorded on the record's timeline.");

        api.MapDelete("/{id:long}", async (ClaimsPrincipal user, ActivityService activities, long id, long? version) =>
        {
            await activities.Delete(RequestUser.Of(user), id, version);
            return TypedResults.NoContent();
        }).WithName("DeleteActivity");

        return app;
    }

    private static ActivityFields Fields(ActivityBody b, RequestUser me, RecordRef? owner) => new(
        b.Type ?? ActivityType.Task, b.Subject ?? "", b.ResponsibleId ?? me.UserId, owner ?? new RecordRef("", 0), b.Description ?? "", b.Deadline);
}
