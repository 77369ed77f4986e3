namespace Crm.Grains.Interfaces.Access;

/// <summary>The kinds of things roles grant permissions on, as the permission keys name them.</summary>
public static class AccessEntity
{
    public const string Lead = "lead";
    public const string Deal = "deal";
    public const string Contact = "contact";
    public const string Company = "company";
    public const string Activity = "activity";
    /// <summary>The activity stream: read it, post to it (add), edit and delete posts.</summary>
    public const string Feed = "feed";
    /// <summary>
    /// Open-channel chats: see conversations (read) and work them (edit: answer, assign, close, mark
    /// read), by the conversation's operator; one waiting for an operator reaches anyone with the right.
    /// </summary>
    public const string Chat = "chat";
    /// <summary>Pipelines, selection lists, custom fields: only edit, and only none or all.</summary>
    public const string Settings = "settings";

    public static readonly IReadOnlyList<string> All = [Lead, Deal, Contact, Company, Activity, Feed, Chat, Settings];

    /// <summary>The actions a role can set for an entity.</summary>
    public static IReadOnlyList<AccessAction> ActionsOf(string entity) => entity switch
    {
        Settings => [AccessAction.Edit],
        Chat => [AccessAction.Read, AccessAction.Edit],
        Feed or Activity => [AccessAction.Read, AccessAction.Add, AccessAction.Edit, AccessAction.Delete],
        _ => [AccessAction.Read, AccessAction.Add, AccessAction.Edit, AccessAction.Delete, AccessAction.Export, AccessAction.Import],
    };
}
