namespace Crm.Grains.Interfaces.Chat;

/// <summary>
/// The messenger bridges of a portal (key: the portal id): for each messenger channel, the URL its
/// bridge takes operators' replies at. Replies are posted there through the outbox, signed like every
/// webhook; a channel without one is read by its bridge (GET /api/chat/conversations/{id}).
/// </summary>
public interface IChatBridgesGrain : IGrainWithIntegerKey
{
    /// <summary>Every channel's reply URL.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyDictionary<string, string>> All();

    [Orleans.Concurrency.ReadOnly]
    Task<string?> ReplyUrl(string channel);

    /// <summary>Sets the channel's reply URL (a webhook URL naming its host); null or empty removes it.</summary>
    Task Set(string channel, string? replyUrl, int actorId);
}
