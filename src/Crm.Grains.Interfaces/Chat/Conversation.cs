using Crm.Grains.Interfaces.Activities;

namespace Crm.Grains.Interfaces.Chat;

/// <summary>Who wrote a chat message.</summary>
public enum ChatSide
{
    Visitor = 0,
    Operator = 1,
}

/// <summary>What a visitor told about themselves (all optional; a name they did not give is "").</summary>
[GenerateSerializer, Immutable, Alias("crm.chat-visitor")]
public sealed record ChatVisitor(
    [property: Id(0)] string Name = "",
    [property: Id(1)] string? Email = null,
    [property: Id(2)] string? Phone = null);

/// <summary>One message of a conversation; <see cref="OperatorId"/> names the operator who wrote it.</summary>
[GenerateSerializer, Immutable, Alias("crm.chat-message")]
public sealed record ChatMessage(
    [property: Id(0)] long Id,
    [property: Id(1)] ChatSide From,
    [property: Id(2)] int? OperatorId,
    [property: Id(3)] string Text,
    [property: Id(4)] DateTimeOffset At);

/// <summary>A visitor's message as it arrives, from the website widget or a messenger bridge.</summary>
[GenerateSerializer, Immutable, Alias("crm.visitor-message")]
public sealed record VisitorMessage(
    [property: Id(0)] string Text,
    [property: Id(1)] string? Name = null,
    [property: Id(2)] string? Email = null,
    [property: Id(3)] string? Phone = null);

/// <summary>
/// One conversation of an open channel between a visitor and the portal's operators: attached to the
/// lead it created or to the contact or lead the visitor turned out to be.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.conversation")]
public sealed record Conversation(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    /// <summary>"site" for the website widget, or the messenger a bridge named.</summary>
    [property: Id(2)] string Channel,
    /// <summary>The visitor's key within the portal ("site:{guid}", or "{channel}:{external id}").</summary>
    [property: Id(3)] string VisitorKey,
    [property: Id(4)] ChatVisitor Visitor,
    /// <summary>The lead, or contact, the conversation belongs to.</summary>
    [property: Id(5)] RecordRef? Record,
    [property: Id(6)] bool Closed,
    [property: Id(7)] int? OperatorId,
    [property: Id(8)] IReadOnlyList<ChatMessage> Messages,
    /// <summary>The newest message each side has read (read receipts).</summary>
    [property: Id(9)] long VisitorReadUpTo,
    [property: Id(10)] long OperatorReadUpTo,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset UpdatedAt,
    [property: Id(13)] long Version);

/// <summary>
/// A live event of the chat: a conversation changed, or one side is typing (<see cref="What"/> "typing",
/// nothing stored). <see cref="OperatorChanged"/> and <see cref="PreviousOperatorId"/> tell watchers who
/// could see it under its former operator that it left their reach.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.conversation-changed")]
public sealed record ConversationChanged(
    [property: Id(0)] Conversation Conversation,
    /// <summary>"opened", "message", "assigned", "read", "closed", "typing"; to a watcher it left the reach of, "removed".</summary>
    [property: Id(1)] string What,
    [property: Id(2)] ChatSide? Typing = null,
    [property: Id(3)] int? TypingOperatorId = null,
    [property: Id(4)] bool OperatorChanged = false,
    [property: Id(5)] int? PreviousOperatorId = null);
