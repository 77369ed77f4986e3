using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Users;

/// <summary>
/// An admin's view of another user's API tokens: which scripts act as that user, and cutting one off
/// (e.g. a leaked token of someone on holiday) without waiting for the owner.
/// </summary>
public sealed class UserTokens(ApiTokens tokens, UserAccess access, UserQueries users)
{
    public async Task<IReadOnlyList<ApiTokenInfo>> List(RequestUser admin, int userId)
    {
        await RequireAdminOver(admin, userId);
        return await tokens.ListOwnedBy(admin.PortalId, userId);
    }

    public async Task Revoke(RequestUser admin, int userId, long tokenId)
    {
        await RequireAdminOver(admin, userId);
        await tokens.RevokeOwnedBy(admin, userId, tokenId);
    }

    private async Task RequireAdminOver(RequestUser admin, int userId)
    {
        await access.RequireAdmin(admin, "Only a portal admin can see or revoke other users' API tokens.");
        if (await users.Find(admin.PortalId, userId) is null)
            throw CrmException.NotFound("user_not_found", $"There is no user {userId} in this portal.");
    }
}
