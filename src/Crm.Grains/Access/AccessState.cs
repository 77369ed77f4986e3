using Crm.Grains.Interfaces.Access;

namespace Crm.Grains.Access;

/// <summary>The stored access settings of a portal; null until the portal is set up.</summary>
[GenerateSerializer]
public sealed class AccessState
{
    [Id(0)] public AccessSettings? Settings { get; set; }
    [Id(1)] public int LastDepartmentId { get; set; }
    [Id(2)] public int LastRoleId { get; set; } = DefaultRoles.EmployeeRoleId;

    /// <summary>Whether the roles know the chat rights: those of a portal set up before them get them once (see <see cref="DefaultRoles.WithChatRights"/>).</summary>
    [Id(3)] public bool ChatRightsGiven { get; set; }
}
