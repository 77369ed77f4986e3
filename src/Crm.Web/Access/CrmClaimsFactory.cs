using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Crm.Web.Access;

/// <summary>Adds the portal and display name to the sign-in cookie's identity.</summary>
public sealed class CrmClaimsFactory(UserManager<CrmUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CrmUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CrmUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CrmClaims.Portal, user.PortalId.ToString()));
        identity.AddClaim(new Claim(CrmClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
