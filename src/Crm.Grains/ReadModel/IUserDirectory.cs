namespace Crm.Grains.ReadModel;

/// <summary>Who the portal's users are, for checks such as "the responsible must be an active user".</summary>
public interface IUserDirectory
{
    Task<bool> IsActiveUser(int portalId, int userId);
}

public static class UserDirectoryChecks
{
    /// <summary>Refuses a responsible user who is not an active user of the portal.</summary>
    public static async Task CheckActive(this IUserDirectory users, int portalId, int userId)
    {
        if (!await users.IsActiveUser(portalId, userId))
            throw CrmException.Invalid("unknown_responsible", $"User {userId} is not an active user of this portal.", "responsibleId");
    }
}
