using System.Security.Claims;
using Crm.Web.Access;

namespace Crm.Web.Api;

/// <summary>The acting user of a request, as its portal and user id.</summary>
public readonly record struct RequestUser(int PortalId, int UserId)
{
    public static RequestUser Of(ClaimsPrincipal user) => new(user.PortalId(), user.UserId());
}
