namespace Crm.Grains.ReadModel;

/// <summary>Who the portal's users are, for checks such as "the responsible must be an active user".</summary>
public interface IUserDirectory
{
    Task<bool> IsActiveUser(int portalId, int userId);
}
