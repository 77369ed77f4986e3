using System.Collections.Concurrent;
using Crm.Grains.Interfaces.Chat;
using Crm.Web.Access;

namespace Crm.Web.Chat;

/// <summary>A message as the visitor sees it: who wrote it (the operator by name), never ids of the CRM.</summary>
public sealed record VisitorChatMessage(long Id, string From, string? OperatorName, string Text, DateTimeOffset At);

/// <summary>The visitor's conversation as the widget shows it; the CRM record it belongs to stays out of it.</summary>
public sealed record VisitorConversation(long Id, bool Closed, ChatVisitor Visitor, IReadOnlyList<VisitorChatMessage> Messages,
    long OperatorReadUpTo, string? OperatorName);

/// <summary>A live event for the visitor: the conversation as it now is, or the operator typing.</summary>
public sealed record VisitorChatEvent(string What, VisitorConversation Conversation);

/// <summary>
/// Shapes conversations for visitors, naming operators by their display names. Names are kept for a
/// minute: every live event of every open chat window needs them, and they rarely change.
/// </summary>
public sealed class ChatViews(UserQueries users, TimeProvider clock)
{
    private static readonly TimeSpan NamesKeptFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(int PortalId, int UserId), (string Name, DateTimeOffset At)> _names = new();

    public async Task<VisitorConversation> ForVisitor(Conversation c)
    {
        var names = new Dictionary<int, string>();
        foreach (var id in c.Messages.Select(m => m.OperatorId).Append(c.OperatorId).OfType<int>().Distinct())
            names[id] = await NameOf(c.PortalId, id);
        return new VisitorConversation(c.Id, c.Closed, c.Visitor,
            c.Messages.Select(m => new VisitorChatMessage(m.Id, m.From == ChatSide.Visitor ? "visitor" : "operator",
                m.OperatorId is { } o ? names[o] : null, m.Text, m.At)).ToList(),
            c.OperatorReadUpTo, c.OperatorId is { } op ? names[op] : null);
    }

    private async Task<string> NameOf(int portalId, int userId)
    {
        var now = clock.GetUtcNow();
        if (_names.TryGetValue((portalId, userId), out var known) && now - known.At < NamesKeptFor) return known.Name;
        var name = (await users.Find(portalId, userId))?.DisplayName ?? "Operator";
        _names[(portalId, userId)] = (name, now);
        return name;
    }
}
