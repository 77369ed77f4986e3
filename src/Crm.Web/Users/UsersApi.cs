using System.Security.Claims;
using Crm.Web.Api;

namespace Crm.Web.Users;

/// <summary>
/// The portal's users for its admins (<c>/api/users</c>; the list itself is in AccountApi): add a user,
/// deactivate or reactivate one, hand one's records to another, see and revoke one's API tokens. Each change goes to the audit log.
/// </summary>
public static class UsersApi
{
    public sealed record ActiveBody(bool? IsActive);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization().WithTags("Users");

        users.MapPost("/", async (ClaimsPrincipal user, UserAdmin admin, NewUserRequest? body) =>
        {
            var created = await admin.Create(RequestUser.Of(user), body ?? new NewUserRequest(null, null, null));
            return TypedResults.Created($"/api/users/{created.Id}", created);
        }).WithName("CreateUser")
            .WithDescription("Adds a user to the admin's portal: {email, displayName, password, departmentIds?}. The password follows the sign-in rules (at least 8 characters).");

        users.MapPut("/{id:int}/active", async (int id, ClaimsPrincipal user, UserActivation activation, ActiveBody? body) =>
            TypedResults.Ok(await activation.SetActive(RequestUser.Of(user), id,
                body?.IsActive ?? throw CrmException.Invalid("is_active_required", "Say whether the user is active: {\"isActive\": true|false}.", "isActive"))))
            .WithName("SetUserActive")
            .WithDescription("Deactivates ({isActive: false}) or reactivates a user. A deactivated user cannot sign in, their sessions end and their API tokens are revoked (reactivation does not revive them), their records stay.");

        users.MapPost("/{id:int}/reassign", async (int id, ClaimsPrincipal user, RecordReassignment reassignment, ReassignRequest? body, CancellationToken ct) =>
            TypedResults.Ok(await reassignment.Run(RequestUser.Of(user), id, body ?? new ReassignRequest(null), ct: ct)))
            .WithName("ReassignUserRecords")
            .WithDescription("Makes an active user responsible for the user's leads, deals, contacts, companies and open activities ({toUserId, kinds?}); each record through its grain, each row's outcome listed.");

        users.MapGet("/{id:int}/tokens", async (int id, ClaimsPrincipal user, UserTokens tokens) =>
            TypedResults.Ok(await tokens.List(RequestUser.Of(user), id)))
            .WithName("ListUserApiTokens").WithDescription("A user's API tokens, revoked ones included, never their secrets (admins).");

        users.MapDelete("/{id:int}/tokens/{tokenId:long}", async (int id, long tokenId, ClaimsPrincipal user, UserTokens tokens) =>
        {
            await tokens.Revoke(RequestUser.Of(user), id, tokenId);
            return TypedResults.NoContent();
        }).WithName("RevokeUserApiToken").WithDescription("Revokes one of a user's API tokens (admins); audited with the admin as actor.");
        return app;
    }
}
