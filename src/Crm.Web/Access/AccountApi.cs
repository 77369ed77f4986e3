using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using System.Security.Claims;
using Crm.Grains.ReadModel;

namespace Crm.Web.Access;

/// <summary>Sign-in and sign-out (cookie), for the login form and for API and hub clients; and the portal's users.</summary>
public static class AccountApi
{
    public sealed record LoginBody(string? Email, string? Password);

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        // JSON sign-in for API and hub clients.
        app.MapPost("/api/auth/login", async (LoginBody body, SignInManager<CrmUser> signIn, IAuditLog audit) =>
            await SignIn(signIn, audit, body.Email, body.Password)
                ? Results.NoContent()
                : Results.Problem(statusCode: 401, title: "Wrong e-mail or password.", extensions: new Dictionary<string, object?> { ["code"] = "invalid_credentials" }))
            .WithTags("Account").WithName("Login");

        app.MapPost("/api/auth/logout", async (SignInManager<CrmUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.NoContent();
        }).WithTags("Account");

        // The login page's form (antiforgery-checked, as every form post is).
        app.MapPost("/account/login", async ([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl, SignInManager<CrmUser> signIn, IAuditLog audit) =>
        {
            var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") ? returnUrl : "/";
            return await SignIn(signIn, audit, email, password)
                ? Results.LocalRedirect(target)
                : Results.Redirect($"/login?failed=1&returnUrl={Uri.EscapeDataString(target)}");
        });

        app.MapPost("/account/logout", async (SignInManager<CrmUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        });

        app.MapGet("/api/users", async (ClaimsPrincipal user, UserQueries users, bool? active) =>
                TypedResults.Ok((await users.List(user.PortalId())).Where(u => active is null || u.IsActive == active).ToList()))
            .RequireAuthorization().WithTags("Account").WithName("ListUsers")
            .WithDescription("The portal's users with isActive; ?active=true gives those who can be made responsible for records.");

        return app;
    }

    /// <summary>Signs the user in; every attempt on a known user goes to the portal's audit log.</summary>
    private static async Task<bool> SignIn(SignInManager<CrmUser> signIn, IAuditLog audit, string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return false;
        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null) return false;
        var succeeded = user.IsActive && (await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: false)).Succeeded;
        await audit.Record(user.PortalId, user.Id, succeeded ? "sign_in" : "sign_in.failed", new { user.Email, inactive = !user.IsActive });
        return succeeded;
    }
}
