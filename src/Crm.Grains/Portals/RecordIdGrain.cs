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
    private const int MaxReserve = 10_000;
    private long _next = -1;

    public Task<long> Next() => Reserve(1);

    public async Task<long> Reserve(int count)
    {
        if (count is < 1 or > MaxReserve)
            throw CrmException.Invalid("invalid_count", $"Between 1 and {MaxReserve} ids can be reserved at once.", "count");
        if (_next < 0) _next = state.State.ReservedUpTo + 1;
        var last = _next + count - 1;
        if (last > state.State.ReservedUpTo)
        {
            var reserved = state.State.ReservedUpTo;
            state.State.ReservedUpTo = Math.Max(reserved + BlockSize, last);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Not stored: these ids must not be handed out (a restart would hand them out again).
                state.State.ReservedUpTo = reserved;
                throw;
            }
        }
        var first = _next;
        _next = last + 1;
        return first;
    }
}

public sealed class RecordIdState
{
    /// <summary>Every id up to this one may have been handed out.</summary>
    public long ReservedUpTo { get; set; }
}
