namespace Crm.Grains.Interfaces.Stream;

/// <summary>
/// Puts events of the CRM into a portal's stream (key: the portal id). Records call it one way after
/// their change is durable: a deal won does not wait for, or fail with, its line in the stream.
/// </summary>
public interface IStreamEventsGrain : IGrainWithIntegerKey
{
    [Orleans.Concurrency.OneWay]
    Task Tell(StreamEvent streamEvent, int actorId);
}
