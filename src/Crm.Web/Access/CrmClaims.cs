using System.Security.Claims;

namespace Crm.Web.Access;

/// <summary>The claims a signed-in user carries, and how every entry point reads them.</summary>
public static class CrmClaims
{
    public const string Portal = "crm:portal";
    public const string DisplayName = "crm:name";

    public static int PortalId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(Portal), out var id) ? id : throw new InvalidOperationException("The user has no portal claim.");

    public static int UserId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new InvalidOperationException("The user has no id claim.");

    public static string DisplayNameOf(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "";
}
