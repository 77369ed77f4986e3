using Crm.Grains.Interfaces.Access;

namespace Crm.Grains.Access;

/// <summary>
/// The roles of a new portal, as Bitrix24 starts one: everyone works with every CRM record, the
/// stream and the chats, and only admins change settings. Admins narrow them from there.
/// </summary>
public static class DefaultRoles
{
    public const int EmployeeRoleId = 1;

    public static Role Employee { get; } = new(EmployeeRoleId, "Employee",
    [
        .. new[] { AccessEntity.Lead, AccessEntity.Deal, AccessEntity.Contact, AccessEntity.Company, AccessEntity.Activity }
            .SelectMany(e => AccessEntity.ActionsOf(e).Select(a => new Permission(e, a, AccessScope.All))),
        new Permission(AccessEntity.Feed, AccessAction.Read, AccessScope.All),
        new Permission(AccessEntity.Feed, AccessAction.Add, AccessScope.All),
        new Permission(AccessEntity.Feed, AccessAction.Edit, AccessScope.Own),
        new Permission(AccessEntity.Feed, AccessAction.Delete, AccessScope.Own),
        new Permission(AccessEntity.Chat, AccessAction.Read, AccessScope.All),
        new Permission(AccessEntity.Chat, AccessAction.Edit, AccessScope.All),
    ]);

    /// <summary>
    /// A role from before the chat rights, when every user could work every chat: it keeps that with
    /// both rights for all conversations. A role that names any chat right is left as it is.
    /// </summary>
    public static Role WithChatRights(Role role) => role.Permissions.Any(p => p.Entity == AccessEntity.Chat) ? role
        : role with { Permissions = [.. role.Permissions, new(AccessEntity.Chat, AccessAction.Read, AccessScope.All), new(AccessEntity.Chat, AccessAction.Edit, AccessScope.All)] };

    public static AccessSettings For(int adminId) =>
        new(1, [], [Employee], [new RoleAssignment(EmployeeRoleId, AssigneeKind.Everyone)], [adminId]);
}
