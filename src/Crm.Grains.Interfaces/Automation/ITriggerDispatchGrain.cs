namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// Turns a customer event into trigger moves for one portal (key: the portal id): finds the open
/// records it concerns, picks on each record's own board the matching trigger (the furthest forward
/// one the record may go to) and has the record's grain apply it. Use <see cref="TriggerEvents"/>.
/// </summary>
public interface ITriggerDispatchGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Dispatches the event and reports every record concerned. With <paramref name="actorId"/> (a
    /// gateway's API user) only records that user may see are concerned and only those they may
    /// change move; a named record they may not see is refused as for any other user's call. Without
    /// it (the product's own chat, forms, deals) every record of the portal is. Bad events are refused
    /// before anything moves.
    /// </summary>
    Task<TriggerReport> Dispatch(CustomerEvent customerEvent, int? actorId);

    /// <summary>As <see cref="Dispatch"/> without an actor, but the caller does not wait (for grains, which must not wait on other records' grains).</summary>
    [Orleans.Concurrency.OneWay]
    Task Post(CustomerEvent customerEvent);
}
