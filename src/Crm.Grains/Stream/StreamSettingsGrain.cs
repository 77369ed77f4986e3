using Crm.Grains.Common;
using Crm.Grains.Interfaces.Stream;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Stream;

/// <summary>What the stream-settings grain persists (plain JSON; keep member names stable).</summary>
public sealed class StreamSettingsState
{
    public StreamSettings Settings { get; set; } = new();
}

/// <summary>Keeps a portal's <see cref="StreamSettings"/>; changes are audited.</summary>
[GrainType("stream-settings")]
public sealed class StreamSettingsGrain(
    [PersistentState("stream-settings", StorageNames.Crm)] IPersistentState<StreamSettingsState> state,
    IAuditLog audit) : Grain, IStreamSettingsGrain
{
    public Task<StreamSettings> Get() => Task.FromResult(state.State.Settings);

    public async Task<StreamSettings> Set(StreamSettings settings, int actorId)
    {
        if (settings is null) throw CrmException.Invalid("body_required", "Send the settings: {largeDealAmount}.");
        if (settings.LargeDealAmount is <= 0)
            throw CrmException.Invalid("invalid_amount", "The large-deal amount is a positive number, or null to tell no large deals.", "largeDealAmount");
        state.State.Settings = settings;
        await this.WriteOrReload(state);
        await audit.Record((int)this.GetPrimaryKeyLong(), actorId, "stream-settings.saved", settings);
        return settings;
    }
}
