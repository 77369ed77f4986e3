using System.Security.Claims;

namespace Crm.Web.Access;

/// <summary>The claims a signed-in user carries, and how every entry point reads them.</summary>
public static class CrmClaims
{
    public const string Portal = "crm:portal";
    public const string DisplayName = "crm:name";

    /// <summary>The API token a request was signed in with (absent for cookie sign-ins).</summary>
    public const string TokenId = "crm:token";

    public static int PortalId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Portal), out var id) ? id : throw new InvalidOperationException("The user has no portal claim.");

    public static int UserId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new InvalidOperationException("The user has no id claim.");

    public static string DisplayNameOf(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}
