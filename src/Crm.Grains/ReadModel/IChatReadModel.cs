using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Chat;

namespace Crm.Grains.ReadModel;

/// <summary>The chat's read model (table <c>chat_conversations</c>), written by each conversation's grain, and the look-up of a visitor's client record.</summary>
public interface IChatReadModel
{
    Task Project(Conversation conversation);

    Task<long?> GetVersion(int portalId, long conversationId);

    /// <summary>The contact with this e-mail or phone (the oldest), else such a lead; null when nobody matches.</summary>
    Task<RecordRef?> FindClient(int portalId, string? email, string? phoneKey);
}
