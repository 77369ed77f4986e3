using Crm.Grains.Common;
using Crm.Grains.Interfaces.Chat;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Chat;

/// <summary>What the operators grain persists (plain JSON; keep member names stable): each channel's own operators.</summary>
public sealed class ChatOperatorsState
{
    public Dictionary<string, List<int>> Channels { get; set; } = [];
}

/// <summary>
/// See <see cref="IChatOperatorsGrain"/>. Presence is kept in memory only: operators' pages renew it
/// every few seconds, so a restarted grain knows them again within <see cref="OnlineFor"/>.
/// </summary>
[GrainType("chat-operators")]
public sealed class ChatOperatorsGrain(
    [PersistentState("chat-operators", StorageNames.Crm)] IPersistentState<ChatOperatorsState> state,
    IUserDirectory users,
    IAuditLog audit,
    TimeProvider clock) : Grain, IChatOperatorsGrain
{
    public static readonly TimeSpan OnlineFor = TimeSpan.FromSeconds(60);
    public const int MaxOperatorsPerChannel = 200;

    private readonly Dictionary<int, DateTimeOffset> _seen = [];
    private int _lastInTurn;

    private int PortalId => (int)this.GetPrimaryKeyLong();

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

    public Task<IReadOnlyList<int>> OnlineNow() => Task.FromResult<IReadOnlyList<int>>(Current());

    public Task<int?> NextInTurn(string channel)
    {
        var online = Current();
        if (state.State.Channels.TryGetValue(channel, out var serving)) online = online.Where(serving.Contains).ToList();
        if (online.Count == 0) return Task.FromResult<int?>(null);
        // The first online operator after the last one given a conversation, wrapping round.
        var next = online.FirstOrDefault(id => id > _lastInTurn, online[0]);
        _lastInTurn = next;
        return Task.FromResult<int?>(next);
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<int>>> Channels() =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<int>>>(
            state.State.Channels.ToDictionary(c => c.Key, c => (IReadOnlyList<int>)c.Value));

    public async Task SetChannel(string channel, IReadOnlyList<int> operatorIds, int actorId)
    {
        var name = ChatRules.Channel(channel);
        var ids = (operatorIds ?? []).Distinct().Order().ToList();
        if (ids.Count > MaxOperatorsPerChannel)
            throw CrmException.Invalid("too_many_operators", $"A channel has at most {MaxOperatorsPerChannel} operators.", "operatorIds");
        foreach (var id in ids)
            if (!await users.IsActiveUser(PortalId, id))
                throw CrmException.Invalid("unknown_user", $"User {id} is not an active user of this portal.", "operatorIds");
        if (ids.Count == 0) state.State.Channels.Remove(name);
        else state.State.Channels[name] = ids;
        await this.WriteOrReload(state);
        await audit.Record(PortalId, actorId, "chat-channel.saved", new { channel = name, operatorIds = ids });
    }

    private List<int> Current()
    {
        var since = clock.GetUtcNow() - OnlineFor;
        foreach (var gone in _seen.Where(s => s.Value < since).Select(s => s.Key).ToList()) _seen.Remove(gone);
        return [.. _seen.Keys.Order()];
    }
}
