using System.Text.Json;
using Crm.Grains.Interfaces.Chat;
using Crm.Grains.Outbox;

namespace Crm.Grains.Chat;

/// <summary>
/// What a messenger bridge is told, as outbox webhooks: each operator reply, and the conversation's
/// end. A dedupe key per message and per closing lets the conversation hand them on again after a
/// failure without the bridge receiving them twice.
/// </summary>
public static class ChatBridgeCalls
{
    public static OutboxMessage Reply(Conversation c, ChatMessage message, string operatorName, string url) =>
        Call(c, url, $"chat:{c.Id}:message:{message.Id}", new
        {
            @event = "chat.reply",
            channel = c.Channel,
            externalUserId = ExternalUserId(c),
            conversationId = c.Id,
            messageId = message.Id,
            text = message.Text,
            @operator = new { id = message.OperatorId, name = operatorName },
            at = message.At.UtcDateTime,
        });

    public static OutboxMessage Closed(Conversation c, string url) =>
        Call(c, url, $"chat:{c.Id}:closed", new
        {
            @event = "chat.closed",
            channel = c.Channel,
            externalUserId = ExternalUserId(c),
            conversationId = c.Id,
            at = c.UpdatedAt.UtcDateTime,
        });

    /// <summary>The messenger's own user id: a bridge's visitor key is "{channel}:{external id}".</summary>
    public static string ExternalUserId(Conversation c) =>
        c.VisitorKey.StartsWith(c.Channel + ":", StringComparison.Ordinal) ? c.VisitorKey[(c.Channel.Length + 1)..] : c.VisitorKey;

    private static OutboxMessage Call(Conversation c, string url, string dedupeKey, object body) =>
        new(c.PortalId, OutboxKind.Webhook, dedupeKey, url, null, JsonSerializer.Serialize(body), c.Record?.Kind, c.Record?.Id);
}
