using System.Security.Claims;
using Crm.Web.Api;

namespace Crm.Web.Notifications;

/// <summary>The signed-in user's notifications (<c>/api/notifications</c>); live ones arrive on the hub after <c>SubscribeNotifications</c>.</summary>
public static class NotificationsApi
{
    public const int MaxIdsPerCall = 500;

    public sealed record ReadBody(IReadOnlyList<long>? Ids, bool? All);

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").RequireAuthorization().WithTags("Notifications");

        api.MapGet("/", async (ClaimsPrincipal user, NotificationQueries queries, bool? unread, int? limit) =>
            TypedResults.Ok(await queries.List(RequestUser.Of(user), unread == true, Math.Clamp(limit ?? 50, 1, 200))))
            .WithName("ListNotifications").WithDescription("{items (newest first, at most limit: 50, up to 200), unread}; ?unread=true for unread ones only.");

        api.MapPost("/read", async (ClaimsPrincipal user, NotificationQueries queries, ReadBody? body) =>
        {
            var ids = body?.Ids;
            if (ids is null && body?.All != true)
                throw CrmException.Invalid("ids_required", "Name the notifications to mark read ({ids: [...]}) or mark all ({all: true}).", "ids");
            if (ids is { Count: > MaxIdsPerCall })
                throw CrmException.Invalid("too_many_ids", $"Mark at most {MaxIdsPerCall} notifications per call, or all with {{all: true}}.", "ids");
            return TypedResults.Ok(new { marked = await queries.MarkRead(RequestUser.Of(user), ids) });
        }).WithName("MarkNotificationsRead").WithDescription("Marks the user's notifications read: {ids} or {all: true}; others' ids change nothing.");
        return app;
    }
}
