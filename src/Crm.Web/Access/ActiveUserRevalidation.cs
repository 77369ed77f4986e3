using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Crm.Web.Access;

/// <summary>
/// An open Blazor circuit keeps the user it started with; this checks every minute that the user is
/// still active with the same security stamp, and signs the circuit out when not (cookie requests are
/// checked each time by <see cref="ActiveSessionValidator"/>).
/// </summary>
public sealed class ActiveUserRevalidation(ILoggerFactory logger, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(logger)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CrmUser>>();
        var user = await users.GetUserAsync(state.User);
        return user is { IsActive: true }
            && state.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == user.SecurityStamp;
    }
}
