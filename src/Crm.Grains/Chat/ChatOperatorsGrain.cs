using Crm.Grains.Interfaces.Chat;

namespace Crm.Grains.Chat;

/// <summary>
/// See <see cref="IChatOperatorsGrain"/>. Presence is kept in memory only: operators' pages renew it
/// every few seconds, so a restarted grain knows them again within <see cref="OnlineFor"/>.
/// </summary>
[GrainType("chat-operators")]
public sealed class ChatOperatorsGrain(TimeProvider clock) : Grain, IChatOperatorsGrain
{
    public static readonly TimeSpan OnlineFor = TimeSpan.FromSeconds(60);

    private readonly Dictionary<int, DateTimeOffset> _seen = [];
    private int _lastInTurn;

    public Task Online(int userId)
    {
        _seen[userId] = clock.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task Offline(int userId)
    {
        _seen.Remove(userId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> OnlineNow() => Task.FromResult(Current());

    public Task<int?> NextInTurn()
    {
        var online = Current();
        if (online.Count == 0) return Task.FromResult<int?>(null);
        // The first online operator after the last one given a conversation, wrapping round.
        var next = online.FirstOrDefault(id => id > _lastInTurn, online[0]);
        _lastInTurn = next;
        return Task.FromResult<int?>(next);
    }

    private IReadOnlyList<int> Current()
    {
        var since = clock.GetUtcNow() - OnlineFor;
        foreach (var gone in _seen.Where(s => s.Value < since).Select(s => s.Key).ToList()) _seen.Remove(gone);
        return _seen.Keys.Order().ToList();
    }
}
