namespace Crm.Grains.Interfaces.Chat;

/// <summary>
/// One conversation, key "{portal}/{id}": the single writer of its messages, assignment, read
/// receipts and closing. Each change is durable before it is answered, then sent live.
/// </summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the conversation with the visitor's first message: attaches it to the contact or lead
    /// with the visitor's e-mail or phone, or creates a lead (source: chat); assigns an online operator.
    /// Opening it again for the same visitor (a retry) creates nothing more.
    /// </summary>
    Task<Conversation> Open(string channel, string visitorKey, VisitorMessage first);

    [Orleans.Concurrency.ReadOnly]
    Task<Conversation> Get();

    Task<Conversation> VisitorSays(VisitorMessage message);

    Task<Conversation> OperatorSays(string text, int operatorId);

    /// <summary>Hands the conversation to an operator (manual assignment).</summary>
    Task<Conversation> Assign(int operatorId, int actorId);

    /// <summary>The side has read the messages up to <paramref name="messageId"/>.</summary>
    Task<Conversation> MarkRead(ChatSide side, long messageId);

    /// <summary>Tells the other side someone is typing; nothing is stored.</summary>
    Task Typing(ChatSide side, int? operatorId);

    Task<Conversation> Close(int actorId);
}

/// <summary>
/// One visitor of a portal, key "{portal}/{visitorKey}": keeps the visitor's open conversation, so
/// a visitor's messages, however many arrive at once, go to one conversation and make one lead.
/// </summary>
public interface IChatVisitorGrain : IGrainWithStringKey
{
    /// <summary>Adds the message to the visitor's open conversation, or opens one on <paramref name="channel"/>.</summary>
    Task<Conversation> Say(string channel, VisitorMessage message);

    /// <summary>The visitor's current (or last) conversation; null before the first message.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<Conversation?> Current();
}

/// <summary>
/// The operators of a portal's open channels (key: the portal id): which users serve each channel (a
/// channel without a list is served by everyone), who is online now (kept by their open chats pages,
/// expiring unless renewed), and whose turn it is for the next conversation.
/// </summary>
public interface IChatOperatorsGrain : IGrainWithIntegerKey
{
    /// <summary>The operator is online (renew within <c>ChatOperatorsGrain.OnlineFor</c>).</summary>
    Task Online(int userId);

    Task Offline(int userId);

    /// <summary>The online operators, in user id order.</summary>
    Task<IReadOnlyList<int>> OnlineNow();

    /// <summary>The next online operator of the channel in turn (round-robin); null when none is online.</summary>
    Task<int?> NextInTurn(string channel);

    /// <summary>The channels that have their own operators, with them.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyDictionary<string, IReadOnlyList<int>>> Channels();

    /// <summary>Gives the channel its operators (active users of the portal); an empty list lets everyone serve it again.</summary>
    Task SetChannel(string channel, IReadOnlyList<int> operatorIds, int actorId);
}
