using System.Security.Claims;
using Crm.Web.Api;

namespace Crm.Web.Outbox;

/// <summary>The portal's outbox and webhook signing secret for its admins (<c>/api/outbox</c>).</summary>
public static class OutboxApi
{
    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        var outbox = app.MapGroup("/api/outbox").RequireAuthorization().WithTags("Outbox");

        outbox.MapGet("/", async (ClaimsPrincipal user, OutboxAdmin admin, string? status, int? page, int? pageSize) =>
            TypedResults.Ok(await admin.List(RequestUser.Of(user), status, Paging.Of(page, pageSize))))
            .WithName("ListOutbox")
            .WithDescription("E-mails, SMS and webhook calls of the portal, newest first: {items, total}; status=pending|sending|sent|failed|held filters.");

        outbox.MapPost("/{id:long}/retry", async (long id, ClaimsPrincipal user, OutboxAdmin admin) =>
            TypedResults.Ok(await admin.Retry(RequestUser.Of(user), id)))
            .WithName("RetryOutboxMessage")
            .WithDescription("Sends a failed, held or waiting message again now, with its attempts counted afresh.");

        outbox.MapGet("/webhook-secret", async (ClaimsPrincipal user, OutboxAdmin admin) =>
            TypedResults.Ok(await admin.Secret(RequestUser.Of(user))))
            .WithName("GetWebhookSecret")
            .WithDescription("The secret webhook calls are signed with (X-Crm-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">): {secret, createdAt}.");

        outbox.MapPost("/webhook-secret", async (ClaimsPrincipal user, OutboxAdmin admin) =>
            TypedResults.Ok(await admin.RegenerateSecret(RequestUser.Of(user))))
            .WithName("RegenerateWebhookSecret")
            .WithDescription("Replaces the webhook signing secret; calls from now on are signed with the new one.");
        return app;
    }
}
