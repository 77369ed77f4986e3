using Crm.Grains.Interfaces.Access;

namespace Crm.Web.Components.Pages.Access;

/// <summary>How access settings read on the settings page (Bitrix24's wording, where it has one).</summary>
public static class AccessText
{
    public static string Scope(AccessScope scope) => scope switch
    {
        AccessScope.None => "None",
        AccessScope.Own => "Own",
        AccessScope.Department => "Own + department",
        AccessScope.DepartmentAndSub => "Own + department + sub-departments",
        _ => "All",
    };

    /// <summary>A place cell: null leaves the action to the wider row.</summary>
    public static string Scope(AccessScope? scope) => scope is { } s ? Scope(s) : "As above";

    public static string Action(AccessAction action) => action.ToString();

    public static string Entity(string entity) => entity switch
    {
        AccessEntity.Lead => "Leads",
        AccessEntity.Deal => "Deals",
        AccessEntity.Contact => "Contacts",
        AccessEntity.Company => "Companies",
        AccessEntity.Activity => "Activities",
        AccessEntity.Feed => "Activity stream",
        AccessEntity.Chat => "Chats (open channels)",
        AccessEntity.Settings => "Settings",
        _ => entity,
    };

    public static string Kind(AssigneeKind kind) => kind switch
    {
        AssigneeKind.User => "User",
        AssigneeKind.Department => "Department",
        AssigneeKind.DepartmentTree => "Department with sub-departments",
        _ => "Everyone",
    };
}
