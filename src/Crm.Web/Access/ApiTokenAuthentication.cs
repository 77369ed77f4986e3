using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Crm.Web.Access;

/// <summary>
/// Signs a request in by an API token (<c>Authorization: Bearer crm_…</c>, or <c>access_token</c> in the
/// query string on hub paths only, since browsers cannot set headers on WebSockets). The user gets the
/// same claims as a cookie sign-in, so every check downstream is the same.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokens tokens, UserManager<CrmUser> users, IUserClaimsPrincipalFactory<CrmUser> claims)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>The default scheme: a token when the request presents one, otherwise the sign-in cookie.</summary>
    public const string CookieOrToken = "CookieOrToken";

    /// <summary>Hub paths, where a token may also come in the query string.</summary>
    public const string HubPaths = "/hubs";

    private const string BearerPrefix = "Bearer ";

    /// <summary>Chooses the scheme for <see cref="CookieOrToken"/>: a presented token wins, even a bad one, so it is refused rather than ignored.</summary>
    public static string SchemeFor(HttpContext context) =>
        PresentedToken(context.Request) is not null ? SchemeName : IdentityConstants.ApplicationScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = PresentedToken(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        var owner = await tokens.Use(secret, Context.RequestAborted);
        if (owner is null) return AuthenticateResult.Fail("The API token is unknown, revoked, or its user is deactivated.");
        var user = await users.FindByIdAsync(owner.Value.UserId.ToString());
        if (user is not { IsActive: true } || user.PortalId != owner.Value.PortalId)
            return AuthenticateResult.Fail("The API token's user is deactivated.");
        var principal = await claims.CreateAsync(user);
        // Re-issued under this scheme so logs and handlers can tell token calls from cookie sessions.
        var identity = new ClaimsIdentity(principal.Claims, SchemeName);
        identity.AddClaim(new Claim(CrmClaims.TokenId, owner.Value.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }

    private static string? PresentedToken(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return header[BearerPrefix.Length..].Trim();
        if (request.Path.StartsWithSegments(HubPaths) && request.Query["access_token"].ToString() is { Length: > 0 } query)
            return query;
        return null;
    }
}
