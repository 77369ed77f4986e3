using System.Security.Claims;
using Crm.Web.Api;
using Crm.Web.Lists;

namespace Crm.Web.Bulk;

/// <summary><c>POST /api/{leads|deals|contacts|companies}/bulk</c>: one change to many rows, answered with each row's outcome.</summary>
public static class BulkApi
{
    public static IEndpointRouteBuilder MapBulkApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/{kind:regex(^(leads|deals|contacts|companies)$)}/bulk", async (ClaimsPrincipal user, BulkRunner runner, string kind, BulkRequest body,
                CancellationToken ct) => TypedResults.Ok(await runner.Run(RequestUser.Of(user), ListFieldsApi.Kind(kind), body, ct: ct)))
            .RequireAuthorization().WithTags("Bulk").WithName("BulkChange")
            .WithDescription("Changes the responsible, the status (leads) or stage (deals), or deletes: the given ids, or every row matching filter and search. Each row goes through its grain; the answer lists every row as done or with the reason it failed.");
        return app;
    }
}
