using System.Security.Claims;
using Crm.Web.Api;

namespace Crm.Web.Access;

/// <summary>The signed-in user's own API tokens (<c>/api/tokens</c>): the secret is in the creation's answer only.</summary>
public static class TokensApi
{
    public sealed record TokenBody(string? Name);

    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/tokens").RequireAuthorization().WithTags("Account");

        tokens.MapPost("/", async (TokenBody? body, ClaimsPrincipal user, ApiTokens store) =>
        {
            var created = await store.Create(RequestUser.Of(user), body?.Name);
            return TypedResults.Created($"/api/tokens/{created.Id}", created);
        }).WithName("CreateApiToken").WithDescription("A new token {id, name, token, createdAt}; keep the token, it is not shown again. Use it as 'Authorization: Bearer <token>'.");

        tokens.MapGet("/", async (ClaimsPrincipal user, ApiTokens store) => TypedResults.Ok(await store.List(RequestUser.Of(user))))
            .WithName("ListApiTokens").WithDescription("The user's tokens, revoked ones included; never their secrets.");

        tokens.MapDelete("/{id:long}", async (long id, ClaimsPrincipal user, ApiTokens store) =>
        {
            await store.Revoke(RequestUser.Of(user), id);
            return TypedResults.NoContent();
        }).WithName("RevokeApiToken");

        return app;
    }
}
