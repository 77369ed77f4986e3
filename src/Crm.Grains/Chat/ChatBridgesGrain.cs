using Crm.Grains.Common;
using Crm.Grains.Interfaces.Chat;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Outbox;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Chat;

/// <summary>What the bridges grain persists (plain JSON; keep member names stable): each channel's reply URL.</summary>
public sealed class ChatBridgesState
{
    public Dictionary<string, string> ReplyUrls { get; set; } = [];
}

/// <summary>See <see cref="IChatBridgesGrain"/>.</summary>
[GrainType("chat-bridges")]
public sealed class ChatBridgesGrain(
    [PersistentState("chat-bridges", StorageNames.Crm)] IPersistentState<ChatBridgesState> state,
    IAuditLog audit) : Grain, IChatBridgesGrain
{
    public const int MaxBridges = 100;

    private int PortalId => (int)this.GetPrimaryKeyLong();

    public Task<IReadOnlyDictionary<string, string>> All() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(state.State.ReplyUrls));

    public Task<string?> ReplyUrl(string channel) => Task.FromResult(state.State.ReplyUrls.GetValueOrDefault(channel));

    public async Task Set(string channel, string? replyUrl, int actorId)
    {
        var name = ChatRules.Channel(channel);
        if (name == ChatRules.SiteChannel)
            throw CrmException.Invalid("invalid_channel", "The website chat answers its visitors itself; name a messenger's channel.", "channel");
        var url = string.IsNullOrWhiteSpace(replyUrl) ? null : WebhookUrlRules.Check(replyUrl, "replyUrl").OriginalString;
        if (url is null) state.State.ReplyUrls.Remove(name);
        else if (state.State.ReplyUrls.Count >= MaxBridges && !state.State.ReplyUrls.ContainsKey(name))
            throw CrmException.Invalid("too_many_bridges", $"A portal has at most {MaxBridges} messenger bridges.", "channel");
        else state.State.ReplyUrls[name] = url;
        await this.WriteOrReload(state);
        await audit.Record(PortalId, actorId, "chat-bridge.saved", new { channel = name, replyUrl = url });
    }
}
