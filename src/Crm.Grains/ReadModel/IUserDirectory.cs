namespace Crm.Grains.ReadModel;

/// <summary>Who the portal's users are, for checks such as "the responsible must be an active user".</summary>
public interface IUserDirectory
{
    Task<bool> IsActiveUser(int portalId, int userId);

    /// <summary>The portal's first user (its creator), or null when it has none.</summary>
    Task<int?> FirstUser(int portalId);

    /// <summary>The user's display name (active or not); null when the portal has no such user.</summary>
    Task<string?> DisplayName(int portalId, int userId);
}

public static class UserDirectoryChecks
{
    /// <summary>Refuses a responsible user who is not an active user of the portal.</summary>
    public static async Task CheckActive(this IUserDirectory users, int portalId, int userId)
    {
        if (!await users.IsActiveUser(portalId, userId))
            throw CrmException.Invalid("unknown_responsible", $"User {userId} is not an active user of this portal.", "responsibleId");
    }

    /// <summary>
    /// Refuses a record's new responsible who is not an active user. An unchanged responsible, or the
    /// acting user (signed in by the web node to act at all), needs no look-up: a bulk import that
    /// makes the importer responsible saves a query per record.
    /// </summary>
    public static Task CheckResponsible(this IUserDirectory users, int portalId, int responsibleId, int? currentResponsible, int actorId) =>
        responsibleId == currentResponsible || responsibleId == actorId ? Task.CompletedTask : users.CheckActive(portalId, responsibleId);
}
