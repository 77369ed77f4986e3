using Crm.Grains.Chat;
using Crm.Grains.Interfaces.Chat;
using Crm.Grains.Interfaces.Portals;

namespace Crm.Web.Chat;

/// <summary>What a visitor does in the website chat (and a messenger bridge on a visitor's behalf).</summary>
public sealed class VisitorChat(IGrainFactory grains, ChatViews views)
{
    /// <summary>A session for a portal that exists; NotFound otherwise, so a widget with a wrong portal says so.</summary>
    public async Task RequirePortal(int portalId)
    {
        if (portalId <= 0 || !await grains.GetGrain<IPortalGrain>(portalId).Exists())
            throw CrmException.NotFound("portal_not_found", "There is no such portal.");
    }

    public async Task<VisitorConversation> Say(ChatSession session, VisitorMessage? message) =>
        await views.ForVisitor(await Relay(session, message, ChatRules.SiteChannel));

    /// <summary>The message into the visitor's conversation, as the CRM holds it (for a messenger bridge, an API user).</summary>
    public Task<Conversation> Relay(ChatSession session, VisitorMessage? message, string channel) => message is null
        ? throw CrmException.Invalid("body_required", "Send the message: {text, name?, email?, phone?}.")
        : Visitor(session).Say(channel, message);

    public async Task<VisitorConversation?> Current(ChatSession session) =>
        await Visitor(session).Current() is { } c ? await views.ForVisitor(c) : null;

    public async Task Typing(ChatSession session)
    {
        if (await Visitor(session).Current() is { Closed: false } c) await Conversation(session, c.Id).Typing(ChatSide.Visitor, null);
    }

    public async Task<VisitorConversation> Read(ChatSession session, long messageId)
    {
        var c = await Visitor(session).Current() ?? throw CrmException.NotFound("conversation_not_found", "You have no conversation yet.");
        return await views.ForVisitor(await Conversation(session, c.Id).MarkRead(ChatSide.Visitor, messageId));
    }

    private IChatVisitorGrain Visitor(ChatSession session) =>
        grains.GetGrain<IChatVisitorGrain>(GrainKeys.For(session.PortalId, session.VisitorKey));

    private IConversationGrain Conversation(ChatSession session, long id) =>
        grains.GetGrain<IConversationGrain>(GrainKeys.For(session.PortalId, id));
}
