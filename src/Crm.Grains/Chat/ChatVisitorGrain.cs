using Crm.Grains.Common;
using Crm.Grains.Interfaces.Chat;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Portals;

namespace Crm.Grains.Chat;

/// <summary>What a visitor grain persists (plain JSON; keep member names stable).</summary>
public sealed class ChatVisitorState
{
    public long? ConversationId { get; set; }

    /// <summary>
    /// The id of the conversation being opened, kept before it opens: when opening fails part way, the
    /// visitor's retry opens this same conversation (which finds the lead it made) instead of another.
    /// </summary>
    public long? OpeningId { get; set; }
}

/// <summary>See <see cref="IChatVisitorGrain"/>: a closed conversation is not reopened; the visitor's next message starts a new one.</summary>
[GrainType("chat-visitor")]
public sealed class ChatVisitorGrain(
    [PersistentState("chat-visitor", StorageNames.Crm)] IPersistentState<ChatVisitorState> state) : Grain, IChatVisitorGrain
{
    private (int PortalId, string Key) Visitor => GrainKeys.ParseNamed(this.GetPrimaryKeyString());

    public async Task<Conversation> Say(string channel, VisitorMessage message)
    {
        if (await Current() is { Closed: false } open)
            return await Conversation(open.Id).VisitorSays(message);
        // Checked before an id is spent on it.
        ChatRules.Text(message.Text);
        ChatRules.Visitor(message);
        if (state.State.OpeningId is not { } id)
        {
            id = await GrainFactory.GetGrain<IRecordIdGrain>(GrainKeys.For(Visitor.PortalId, "conversation")).Next();
            state.State.OpeningId = id;
            await this.WriteOrReload(state);
        }
        var opened = await Conversation(id).Open(ChatRules.Channel(channel), Visitor.Key, message);
        (state.State.ConversationId, state.State.OpeningId) = (id, null);
        await this.WriteOrReload(state);
        return opened;
    }

    public async Task<Conversation?> Current() =>
        state.State.ConversationId is { } id ? await Conversation(id).Get() : null;

    private IConversationGrain Conversation(long id) => GrainFactory.GetGrain<IConversationGrain>(GrainKeys.For(Visitor.PortalId, id));
}
