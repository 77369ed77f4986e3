using Crm.Grains.Common;
using Crm.Grains.Interfaces.Portals;

namespace Crm.Grains.Portals;

/// <summary>
/// Hands out ids from blocks reserved in storage, so most calls touch no disk; the unused rest of a
/// block is skipped after a restart (ids stay unique, as Bitrix24's do, not gapless).
/// </summary>
[GrainType("record-id")]
public sealed class RecordIdGrain(
    [PersistentState("ids", StorageNames.Crm)] IPersistentState<RecordIdState> state) : Grain, IRecordIdGrain
{
    private const int BlockSize = 100;
    private long _next = -1;

    public async Task<long> Next()
    {
        if (_next < 0) _next = state.State.ReservedUpTo + 1;
        if (_next > state.State.ReservedUpTo)
        {
            state.State.ReservedUpTo += BlockSize;
            await state.WriteStateAsync();
        }
        return _next++;
    }
}

public sealed class RecordIdState
{
    /// <summary>Every id up to this one may have been handed out.</summary>
    public long ReservedUpTo { get; set; }
}
