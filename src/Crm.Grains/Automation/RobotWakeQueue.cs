using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Crm.Grains.Automation;

/// <summary>
/// This silo's records waiting to run their due robots, in the order they became due. Alarms and
/// timers only add to it; a fixed number of wakers (Crm.Silo's RobotWaker) take records from it, so
/// however many robots come due in one minute, only that many records are activated and run at once.
/// A record is queued once however often it is added while it waits. The queue is memory only: what
/// a crashed silo held is rung again by the record's alarm within a minute.
/// </summary>
public sealed class RobotWakeQueue
{
    private readonly Channel<GrainId> _records = Channel.CreateUnbounded<GrainId>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly ConcurrentDictionary<GrainId, byte> _waiting = new();

    /// <summary>Records queued and not yet taken.</summary>
    public int Count => _waiting.Count;

    public void Add(GrainId record)
    {
        if (_waiting.TryAdd(record, 0))
            _records.Writer.TryWrite(record);
    }

    /// <summary>The next record to wake; once taken, adding it again queues it again (its robots may have become due meanwhile).</summary>
    public async ValueTask<GrainId> Take(CancellationToken cancellationToken)
    {
        var record = await _records.Reader.ReadAsync(cancellationToken);
        _waiting.TryRemove(record, out _);
        return record;
    }
}
