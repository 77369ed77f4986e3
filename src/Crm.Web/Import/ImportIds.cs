using Crm.Grains.Interfaces.Portals;

namespace Crm.Web.Import;

/// <summary>
/// New record ids for one import, reserved from the portal's id grain a block at a time (one call per
/// block instead of one per record). Blocks are sized to the rows still expected to need an id, so a
/// small import leaves no gap of unused ids behind.
/// </summary>
public sealed class ImportIds(IRecordIdGrain ids, int expected)
{
    public const int MaxBlock = 500;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private long _next, _end;
    private int _taken;

    public async Task<long> Next()
    {
        await _lock.WaitAsync();
        try
        {
            if (_next == _end)
            {
                var count = Math.Clamp(expected - _taken, 1, MaxBlock);
                _next = await ids.Reserve(count);
                _end = _next + count;
            }
            _taken++;
            return _next++;
        }
        finally
        {
            _lock.Release();
        }
    }
}
