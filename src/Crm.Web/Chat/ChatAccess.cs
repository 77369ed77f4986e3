using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Chat;
using Crm.Web.Access;

namespace Crm.Web.Chat;

/// <summary>
/// Who may see and work a conversation: the role's "chat" rights, judged by the conversation's
/// operator as a record's are by its responsible. A conversation waiting for an operator reaches
/// everyone with the right at all, so someone can take it.
/// </summary>
public static class ChatAccess
{
    public static bool Allows(this AccessProfile profile, AccessAction action, Conversation c) =>
        c.OperatorId is { } operatorId
            ? profile.Allows(AccessEntity.Chat, action, operatorId)
            : profile.ScopeOf(AccessEntity.Chat, action) != AccessScope.None;

    /// <summary>Refuses unless the user may see the conversation and, for any other action, do it.</summary>
    public static void RequireOn(this AccessProfile profile, AccessAction action, Conversation c)
    {
        if (!profile.Allows(AccessAction.Read, c) || (action != AccessAction.Read && !profile.Allows(action, c)))
            throw AccessChecks.Denied(action, "this conversation");
    }

    /// <summary>Refuses users whose role gives no chat right of this kind at all.</summary>
    public static void RequireAny(this AccessProfile profile, AccessAction action)
    {
        if (profile.ScopeOf(AccessEntity.Chat, action) == AccessScope.None)
            throw AccessChecks.Denied(action, "chats");
    }

    /// <summary>
    /// What a live change is to a watcher with these rights (a system watcher's are null: everything):
    /// as it is when they may see the conversation; "removed" when its new operator took it out of
    /// their reach; otherwise nothing.
    /// </summary>
    public static ConversationChanged? Shape(AccessProfile? profile, ConversationChanged change)
    {
        if (profile is null || profile.Allows(AccessAction.Read, change.Conversation)) return change;
        var sawBefore = change.OperatorChanged && profile.Allows(AccessAction.Read, change.Conversation with { OperatorId = change.PreviousOperatorId });
        return sawBefore ? change with { What = "removed" } : null;
    }
}
