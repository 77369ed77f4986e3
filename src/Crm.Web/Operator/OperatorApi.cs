namespace Crm.Web.Operator;

/// <summary>
/// The hosting operator's API (<c>/api/operator</c>): opening portals for companies and listing them.
/// It stands outside every portal, so it takes no user sign-in, only the operator key.
/// </summary>
public static class OperatorApi
{
    public static IEndpointRouteBuilder MapOperatorApi(this IEndpointRouteBuilder app)
    {
        var portals = app.MapGroup("/api/operator/portals").AllowAnonymous()
            .AddEndpointFilter<OperatorKeyFilter>().WithTags("Operator");

        portals.MapPost("/", async (HostedPortals hosted, NewPortalRequest? body) =>
        {
            var created = await hosted.Create(body ?? new NewPortalRequest(null, null));
            return TypedResults.Created($"/api/operator/portals?fromId={created.Id}&limit=1", created);
        }).WithName("CreatePortal")
            .WithDescription("Opens a portal: {name, admin: {email, displayName, password}}. The admin can do everything in it; the portal starts with the default roles and pipeline.");

        portals.MapGet("/", async (HostedPortals hosted, int? fromId, int? limit) =>
            TypedResults.Ok(await hosted.List(Math.Max(fromId ?? 1, 1), Math.Clamp(limit ?? 100, 1, 1000))))
            .WithName("ListPortals")
            .WithDescription("Portals by id from fromId (default 1), at most limit (100, up to 1,000), each with its count of active users.");
        return app;
    }
}
