using System.Security.Claims;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Duplicates;

/// <summary><c>GET /api/duplicates?phone=&amp;email=&amp;name=&amp;company=</c>: records that may already be the one being entered.</summary>
public static class DuplicatesApi
{
    public static IEndpointRouteBuilder MapDuplicatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/duplicates", async (ClaimsPrincipal user, DuplicateQueries duplicates, string[]? phone, string[]? email, string? name, string? company) =>
            TypedResults.Ok(await duplicates.Find(RequestUser.Of(user), new DuplicateProbe(phone ?? [], email ?? [], name, company))))
            .RequireAuthorization().WithTags("Duplicates").WithName("FindDuplicates")
            .WithDescription("Leads, contacts and companies sharing a phone (by digits), an e-mail (case ignored), or the person's or company's name.");
        return app;
    }
}
