using System.Text.Json;
using Crm.Grains.Interfaces.Chat;
using Crm.Silo.Database;
using Crm.Silo.ReadModel;
using Crm.Web.Api;
using Npgsql;

namespace Crm.Web.Chat;

/// <summary>A line of the operators' queue: a conversation without its messages, and its last one.</summary>
public sealed record ConversationSummary(long Id, string Channel, ChatVisitor Visitor, int? OperatorId, bool Closed,
    DateTimeOffset LastMessageAt, string LastMessage, int Unread, Grains.Interfaces.Activities.RecordRef? Record);

/// <summary>
/// The operators' side of the chat: every user of the portal may work its open channels (the queue
/// lists all conversations, those waiting for an operator first); replying, assigning, reading and
/// closing go to the conversation's grain.
/// </summary>
public sealed class OperatorChat(IGrainFactory grains, NpgsqlDataSource db, Access.UserAccess access)
{
    public const int MaxQueue = 200;

    /// <summary>Open conversations (or closed ones), waiting ones first, then by their last message, newest first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> Queue(RequestUser user, bool closed)
    {
        await using var command = db.CreateCommand($"""
            SELECT data FROM chat_conversations WHERE portal_id = $1 AND is_closed = $2
            ORDER BY (operator_id IS NULL) DESC, last_message_at DESC LIMIT {MaxQueue}
            """);
        command.AddValues(user.PortalId, closed);
        var list = new List<ConversationSummary>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(Summary(JsonSerializer.Deserialize<Conversation>(reader.GetString(0), ReadModelJson.Options)!));
        return list;
    }

    public static ConversationSummary Summary(Conversation c) => new(c.Id, c.Channel, c.Visitor, c.OperatorId, c.Closed,
        c.Messages[^1].At, c.Messages[^1].Text, c.Messages.Count(m => m.From == ChatSide.Visitor && m.Id > c.OperatorReadUpTo), c.Record);

    public Task<Conversation> Get(RequestUser user, long id) => Conversation(user, id).Get();

    public Task<Conversation> Reply(RequestUser user, long id, string? text) => Conversation(user, id).OperatorSays(text ?? "", user.UserId);

    public Task<Conversation> Assign(RequestUser user, long id, int? operatorId) =>
        Conversation(user, id).Assign(operatorId ?? throw CrmException.Invalid("operator_required", "Name the operator: {operatorId}.", "operatorId"), user.UserId);

    public Task<Conversation> Read(RequestUser user, long id, long messageId) => Conversation(user, id).MarkRead(ChatSide.Operator, messageId);

    public async Task Typing(RequestUser user, long id) => await Conversation(user, id).Typing(ChatSide.Operator, user.UserId);

    public Task<Conversation> Close(RequestUser user, long id) => Conversation(user, id).Close(user.UserId);

    public Task Online(RequestUser user, bool online) => online
        ? grains.GetGrain<IChatOperatorsGrain>(user.PortalId).Online(user.UserId)
        : grains.GetGrain<IChatOperatorsGrain>(user.PortalId).Offline(user.UserId);

    public Task<IReadOnlyList<int>> OnlineOperators(RequestUser user) => grains.GetGrain<IChatOperatorsGrain>(user.PortalId).OnlineNow();

    public Task<IReadOnlyDictionary<string, IReadOnlyList<int>>> Channels(RequestUser user) => grains.GetGrain<IChatOperatorsGrain>(user.PortalId).Channels();

    /// <summary>Who serves a channel is a setting of the portal: the settings right changes it.</summary>
    public async Task SetChannel(RequestUser user, string channel, IReadOnlyList<int>? operatorIds)
    {
        await access.RequireSettings(user);
        if (operatorIds is null) throw CrmException.Invalid("operators_required", "Name the channel's operators: {operatorIds: [...]} (an empty list: everyone).", "operatorIds");
        await grains.GetGrain<IChatOperatorsGrain>(user.PortalId).SetChannel(channel, operatorIds, user.UserId);
    }

    /// <summary>The messenger bridges' reply URLs: configuration, read and changed with the settings right.</summary>
    public async Task<IReadOnlyDictionary<string, string>> Bridges(RequestUser user)
    {
        await access.RequireSettings(user);
        return await grains.GetGrain<IChatBridgesGrain>(user.PortalId).All();
    }

    public async Task SetBridge(RequestUser user, string channel, string? replyUrl)
    {
        await access.RequireSettings(user);
        await grains.GetGrain<IChatBridgesGrain>(user.PortalId).Set(channel, replyUrl, user.UserId);
    }

    private IConversationGrain Conversation(RequestUser user, long id) => grains.GetGrain<IConversationGrain>(GrainKeys.For(user.PortalId, id));
}
