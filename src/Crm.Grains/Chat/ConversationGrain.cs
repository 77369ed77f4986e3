using Crm.Grains.Access;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Chat;
using Crm.Grains.Interfaces.Comments;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Outbox;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Chat;

/// <summary>What a conversation grain persists (plain JSON; keep member names stable).</summary>
public sealed class ConversationState
{
    public Conversation? Conversation { get; set; }

    /// <summary>
    /// The id of the lead the opening makes, kept before the lead is created: when the opening fails
    /// after that, its retry finds this lead instead of making a second one.
    /// </summary>
    public long? NewLeadId { get; set; }

    /// <summary>The newest message the channel's bridge has been handed (operator replies go on, the rest is passed over).</summary>
    public long BridgedUpTo { get; set; }

    /// <summary>Whether the bridge has been told the conversation ended.</summary>
    public bool BridgedClosed { get; set; }
}

/// <summary>
/// See <see cref="IConversationGrain"/>. A change is durable before it is answered; then the row is
/// projected and the change sent live. The conversation's start and its transcript (when closed) go
/// on the timeline of its record; the visitor's messages feed the ChatMessage triggers; a messenger
/// channel's bridge is handed the operators' replies.
/// </summary>
[GrainType("conversation")]
public sealed class ConversationGrain(
    [PersistentState("conversation", StorageNames.Crm)] IPersistentState<ConversationState> state,
    IChatReadModel readModel,
    IUserDirectory users,
    IOutbox outbox,
    TimeProvider clock,
    ILogger<ConversationGrain> log) : Grain, IConversationGrain
{
    private (int PortalId, long Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    private Conversation Current => state.State.Conversation
        ?? throw CrmException.NotFound("conversation_not_found", $"There is no conversation {Key.Id}.");

    private Conversation Open_ => Current.Closed
        ? throw CrmException.Conflict("conversation_closed", "The conversation is closed.")
        : Current;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Conversation is not { } c) return;
        if (await readModel.GetVersion(Key.PortalId, Key.Id) != c.Version) await Project(c);
        await HandOnToBridge(c);
    }

    public async Task<Conversation> Open(string channel, string visitorKey, VisitorMessage first)
    {
        var text = ChatRules.Text(first.Text);
        if (state.State.Conversation is { } existing)
        {
            if (existing.VisitorKey != visitorKey) throw CrmException.Conflict("conversation_exists", $"Conversation {Key.Id} already exists.");
            // The visitor's retry of an opening whose answer was lost: the message is already here
            // (or, should the visitor have written something else, joins it while it is open).
            return existing.Closed || existing.Messages.Last(m => m.From == ChatSide.Visitor).Text == text ? existing : await VisitorSays(first);
        }
        var visitor = ChatRules.Visitor(first);
        var operatorId = await GrainFactory.GetGrain<IChatOperatorsGrain>(Key.PortalId).NextInTurn(channel);
        var phoneKey = visitor.Phone is null ? null : ContactPoints.PhoneKey(visitor.Phone);
        var record = await readModel.FindClient(Key.PortalId, visitor.Email, phoneKey) ?? await NewLead(visitor, channel, text, operatorId);
        var now = clock.GetUtcNow();
        var conversation = new Conversation(Key.PortalId, Key.Id, channel, visitorKey, visitor, record, false, operatorId,
            [new ChatMessage(1, ChatSide.Visitor, null, text, now)], 1, 0, now, now, 1);
        await Commit(conversation, "opened");
        await OnTimeline(record, $"Chat conversation {Key.Id} started ({Channel(channel)}): {text}");
        await Triggers(conversation, text, true);
        return conversation;
    }

    public Task<Conversation> Get() => Task.FromResult(Current);

    public async Task<Conversation> VisitorSays(VisitorMessage message)
    {
        var c = Open_;
        var text = ChatRules.Text(message.Text);
        var visitor = ChatRules.Visitor(message, c.Visitor);
        var next = Add(c with { Visitor = visitor }, ChatSide.Visitor, null, text);
        await Commit(next with { VisitorReadUpTo = next.Messages[^1].Id }, "message");
        await Triggers(next, text, false);
        return Current;
    }

    public async Task<Conversation> OperatorSays(string text, int operatorId)
    {
        var c = Open_;
        var next = Add(c, ChatSide.Operator, operatorId, ChatRules.Text(text));
        // Answering is reading, and an unassigned conversation goes to whoever answers it.
        await Commit(next with { OperatorReadUpTo = next.Messages[^1].Id, OperatorId = c.OperatorId ?? operatorId }, "message");
        return Current;
    }

    public async Task<Conversation> Assign(int operatorId, int actorId)
    {
        var c = Open_;
        if (!await users.IsActiveUser(Key.PortalId, operatorId))
            throw CrmException.Invalid("unknown_user", $"User {operatorId} is not an active user of this portal.", "operatorId");
        var rights = await GrainFactory.GetGrain<IAccessGrain>(Key.PortalId).ProfileOf(operatorId);
        if (rights.ScopeOf(AccessEntity.Chat, AccessAction.Edit) == AccessScope.None)
            throw CrmException.Invalid("not_an_operator", $"User {operatorId}'s role does not let them work chats.", "operatorId");
        if (c.OperatorId != operatorId) await Commit(Next(c) with { OperatorId = operatorId }, "assigned");
        return Current;
    }

    public async Task<Conversation> MarkRead(ChatSide side, long messageId)
    {
        var c = Current;
        var upTo = Math.Min(messageId, c.Messages.Count == 0 ? 0 : c.Messages[^1].Id);
        var changed = side == ChatSide.Visitor
            ? upTo > c.VisitorReadUpTo ? Next(c) with { VisitorReadUpTo = upTo } : null
            : upTo > c.OperatorReadUpTo ? Next(c) with { OperatorReadUpTo = upTo } : null;
        if (changed is not null) await Commit(changed, "read");
        return Current;
    }

    public async Task Typing(ChatSide side, int? operatorId)
    {
        var c = Open_;
        await Publish(new ConversationChanged(c, "typing", side, side == ChatSide.Operator ? operatorId : null));
    }

    public async Task<Conversation> Close(int actorId)
    {
        var c = Current;
        if (c.Closed) return c;
        await Commit(Next(c) with { Closed = true }, "closed");
        await OnTimeline(c.Record, await Transcript(c));
        return Current;
    }

    private Conversation Next(Conversation c) => c with { Version = c.Version + 1, UpdatedAt = clock.GetUtcNow() };

    private Conversation Add(Conversation c, ChatSide from, int? operatorId, string text)
    {
        if (c.Messages.Count >= ChatRules.MaxMessages)
            throw CrmException.Invalid("conversation_too_long", $"A conversation holds at most {ChatRules.MaxMessages} messages: close it and start another.");
        var now = clock.GetUtcNow();
        return c with { Messages = [.. c.Messages, new ChatMessage(c.Messages[^1].Id + 1, from, operatorId, text, now)], Version = c.Version + 1, UpdatedAt = now };
    }

    private async Task<RecordRef> NewLead(ChatVisitor visitor, string channel, string text, int? operatorId)
    {
        var responsible = operatorId ?? await users.FirstUser(Key.PortalId)
            ?? throw CrmException.Invalid("portal_without_users", "The portal has no user to take the chat's lead.");
        if (state.State.NewLeadId is not { } id)
        {
            id = await GrainFactory.GetGrain<IRecordIdGrain>(GrainKeys.For(Key.PortalId, "lead")).Next();
            state.State.NewLeadId = id;
            await this.WriteOrReload(state);
        }
        try
        {
            await GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(Key.PortalId, id))
                .Create(ChatRules.Lead(visitor, channel, text, responsible), null, TimelineText.AutomationActor);
        }
        catch (CrmException e) when (e.Code == "lead_exists")
        {
            // Made by an earlier attempt of this opening.
        }
        return new RecordRef("lead", id);
    }

    /// <summary>Durable first (a failed write reloads what is stored); then the read model and the live feed, whose failures are logged.</summary>
    private async Task Commit(Conversation next, string what)
    {
        var before = state.State.Conversation;
        state.State.Conversation = next;
        try
        {
            await this.WriteOrReload(state);
        }
        catch
        {
            state.State.Conversation = before;
            throw;
        }
        await Project(next);
        await Publish(new ConversationChanged(next, what, OperatorChanged: before is not null && before.OperatorId != next.OperatorId,
            PreviousOperatorId: before?.OperatorId));
        await HandOnToBridge(next);
    }

    private async Task Project(Conversation c)
    {
        try
        {
            await readModel.Project(c);
        }
        catch (Exception e)
        {
            log.LogError(e, "Conversation {Id} v{Version} not projected; repaired on its next activation", Key.Id, c.Version);
            DeactivateOnIdle();
        }
    }

    private async Task Publish(ConversationChanged change)
    {
        try
        {
            await GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.ChatFeed(Key.PortalId)).PublishConversation(change);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Live event for conversation {Id} not published", Key.Id);
        }
    }

    /// <summary>
    /// Hands the messenger's bridge, through the outbox, what it has not been given: operator replies,
    /// then the end. Noted in memory and stored with the next write; after a failure the next change or
    /// activation hands it on again, and the outbox's dedupe keys keep the bridge from getting it twice.
    /// </summary>
    private async Task HandOnToBridge(Conversation c)
    {
        if (c.Channel == ChatRules.SiteChannel || state.State.BridgedClosed) return;
        try
        {
            var url = await GrainFactory.GetGrain<IChatBridgesGrain>(Key.PortalId).ReplyUrl(c.Channel);
            foreach (var m in c.Messages.Where(m => m.Id > state.State.BridgedUpTo))
            {
                // Without a bridge (yet), replies are passed over: one configured later starts from the next.
                if (url is not null && m.From == ChatSide.Operator)
                    await outbox.Enqueue(ChatBridgeCalls.Reply(c, m, await users.DisplayName(Key.PortalId, m.OperatorId!.Value) ?? $"User {m.OperatorId}", url));
                state.State.BridgedUpTo = m.Id;
            }
            if (c.Closed && url is not null) await outbox.Enqueue(ChatBridgeCalls.Closed(c, url));
            state.State.BridgedClosed = c.Closed;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Conversation {Id} not handed to the bridge of {Channel}; handed on with its next change", Key.Id, c.Channel);
        }
    }

    private async Task Triggers(Conversation c, string text, bool first)
    {
        try
        {
            var lead = c.Record is { Kind: "lead" } ? c.Record : null;
            var note = text.Length <= 80 ? text : text[..79] + "…";
            await TriggerEvents.QueueChatMessage(GrainFactory, Key.PortalId, lead, lead is null ? c.Visitor.Email : null, lead is null ? c.Visitor.Phone : null,
                c.Channel, first, note);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Chat message of conversation {Id} not sent to triggers", Key.Id);
        }
    }

    private async Task OnTimeline(RecordRef? record, string text)
    {
        if (record is null) return;
        try
        {
            var id = await GrainFactory.GetGrain<IRecordIdGrain>(GrainKeys.For(Key.PortalId, "comment")).Next();
            var cut = text.Length <= 10_000 ? text : text[..9_999] + "…";
            await GrainFactory.GetGrain<ICommentGrain>(GrainKeys.For(Key.PortalId, id)).Create(record, cut, TimelineText.AutomationActor);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Conversation {Id} not written on the timeline of {Record}", Key.Id, record);
        }
    }

    private async Task<string> Transcript(Conversation c)
    {
        var names = new Dictionary<int, string>();
        foreach (var id in c.Messages.Where(m => m.OperatorId is not null).Select(m => m.OperatorId!.Value).Distinct())
            names[id] = await users.DisplayName(Key.PortalId, id) ?? $"User {id}";
        var visitor = c.Visitor.Name.Length > 0 ? c.Visitor.Name : "Visitor";
        var lines = c.Messages.Select(m => $"[{m.At:yyyy-MM-dd HH:mm}] {(m.From == ChatSide.Visitor ? visitor : names[m.OperatorId!.Value])}: {m.Text}");
        return $"Chat conversation {c.Id} closed ({Channel(c.Channel)}):\n" + string.Join("\n", lines);
    }

    private static string Channel(string channel) => channel == ChatRules.SiteChannel ? "website chat" : channel;
}
