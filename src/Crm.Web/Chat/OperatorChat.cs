using System.Text.Json;
using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Chat;
using Crm.Silo.Database;
using Crm.Silo.ReadModel;
using Crm.Web.Access;
using Crm.Web.Api;
using Npgsql;

namespace Crm.Web.Chat;

/// <summary>A line of the operators' queue: a conversation without its messages, and its last one.</summary>
public sealed record ConversationSummary(long Id, string Channel, ChatVisitor Visitor, int? OperatorId, bool Closed,
    DateTimeOffset LastMessageAt, string LastMessage, int Unread, Grains.Interfaces.Activities.RecordRef? Record);

/// <summary>
/// The operators' side of the chat, within the role's chat rights (<see cref="ChatAccess"/>): the
/// queue lists the conversations the user may see, those waiting for an operator first; replying,
/// assigning, reading and closing go to the conversation's grain.
/// </summary>
public sealed class OperatorChat(IGrainFactory grains, NpgsqlDataSource db, UserAccess access)
{
    public const int MaxQueue = 200;

    /// <summary>Open conversations (or closed ones), waiting ones first, then by their last message, newest first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> Queue(RequestUser user, bool closed)
    {
        var profile = await access.Of(user);
        profile.RequireAny(AccessAction.Read);
        var operators = profile.ResponsiblesOf(profile.ScopeOf(AccessEntity.Chat, AccessAction.Read));
        await using var command = db.CreateCommand($"""
            SELECT data FROM chat_conversations WHERE portal_id = $1 AND is_closed = $2
                {(operators is null ? "" : "AND (operator_id IS NULL OR operator_id = ANY($3))")}
            ORDER BY (operator_id IS NULL) DESC, last_message_at DESC LIMIT {MaxQueue}
            """);
        command.AddValues(user.PortalId, closed);
        if (operators is not null) command.Parameters.Add(new() { Value = operators.ToArray() });
        var list = new List<ConversationSummary>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(Summary(JsonSerializer.Deserialize<Conversation>(reader.GetString(0), ReadModelJson.Options)!));
        return list;
    }

    public static ConversationSummary Summary(Conversation c) => new(c.Id, c.Channel, c.Visitor, c.OperatorId, c.Closed,
        c.Messages[^1].At, c.Messages[^1].Text, c.Messages.Count(m => m.From == ChatSide.Visitor && m.Id > c.OperatorReadUpTo), c.Record);

    public async Task<Conversation> Get(RequestUser user, long id) => await Allowed(user, id, AccessAction.Read);

    public async Task<Conversation> Reply(RequestUser user, long id, string? text)
    {
        await Allowed(user, id, AccessAction.Edit);
        return await Conversation(user, id).OperatorSays(text ?? "", user.UserId);
    }

    /// <summary>Hands the conversation to an operator (the grain checks they may work chats).</summary>
    public async Task<Conversation> Assign(RequestUser user, long id, int? operatorId)
    {
        var to = operatorId ?? throw CrmException.Invalid("operator_required", "Name the operator: {operatorId}.", "operatorId");
        await Allowed(user, id, AccessAction.Edit);
        return await Conversation(user, id).Assign(to, user.UserId);
    }

    public async Task<Conversation> Read(RequestUser user, long id, long messageId)
    {
        await Allowed(user, id, AccessAction.Edit);
        return await Conversation(user, id).MarkRead(ChatSide.Operator, messageId);
    }

    public async Task Typing(RequestUser user, long id)
    {
        await Allowed(user, id, AccessAction.Edit);
        await Conversation(user, id).Typing(ChatSide.Operator, user.UserId);
    }

    public async Task<Conversation> Close(RequestUser user, long id)
    {
        await Allowed(user, id, AccessAction.Edit);
        return await Conversation(user, id).Close(user.UserId);
    }

    /// <summary>Presence for the round-robin: only users who may work chats go online.</summary>
    public async Task Online(RequestUser user, bool online)
    {
        var operators = grains.GetGrain<IChatOperatorsGrain>(user.PortalId);
        if (!online)
        {
            await operators.Offline(user.UserId);
            return;
        }
        (await access.Of(user)).RequireAny(AccessAction.Edit);
        await operators.Online(user.UserId);
    }

    public async Task<IReadOnlyList<int>> OnlineOperators(RequestUser user)
    {
        (await access.Of(user)).RequireAny(AccessAction.Read);
        return await grains.GetGrain<IChatOperatorsGrain>(user.PortalId).OnlineNow();
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<int>>> Channels(RequestUser user)
    {
        (await access.Of(user)).RequireAny(AccessAction.Read);
        return await grains.GetGrain<IChatOperatorsGrain>(user.PortalId).Channels();
    }

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

    private async Task<Conversation> Allowed(RequestUser user, long id, AccessAction action)
    {
        var conversation = await Conversation(user, id).Get();
        (await access.Of(user)).RequireOn(action, conversation);
        return conversation;
    }

    private IConversationGrain Conversation(RequestUser user, long id) => grains.GetGrain<IConversationGrain>(GrainKeys.For(user.PortalId, id));
}
