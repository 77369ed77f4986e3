using Crm.Grains.Interfaces.Activities;

namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// The entry points of the product's own event sources (deals reaching a stage, chat, web forms);
/// the HTTP gateways (e-mail, telephony, webhooks, tracked links) use <see cref="ITriggerDispatchGrain"/> directly.
/// </summary>
public static class TriggerEvents
{
    /// <summary>
    /// The deal <paramref name="dealId"/> reached <paramref name="stageId"/>: the other open deals of
    /// its client (a shared contact or company) move by their DealStage triggers naming that
    /// pipeline and stage. Waits for the moves and reports them.
    /// </summary>
    public static Task<TriggerReport> DealReachedStage(IGrainFactory grains, int portalId, long dealId, string stageId) =>
        Dispatcher(grains, portalId).Dispatch(DealStage(dealId, stageId), null);

    /// <summary>
    /// As <see cref="DealReachedStage"/>, without waiting: for the deal grain itself. A grain that
    /// waited here could deadlock with a deal of the same client doing the same at the same time.
    /// </summary>
    public static Task QueueDealReachedStage(IGrainFactory grains, int portalId, long dealId, string stageId) =>
        Dispatcher(grains, portalId).Post(DealStage(dealId, stageId));

    /// <summary>The client wrote a chat message about the lead or deal <paramref name="record"/> (on <paramref name="channel"/>, if the chat has channels).</summary>
    public static Task<TriggerReport> ChatMessage(IGrainFactory grains, int portalId, RecordRef record, string? channel = null, bool firstMessage = false) =>
        Dispatcher(grains, portalId).Dispatch(new CustomerEvent(TriggerKind.ChatMessage, record, Channel: channel, FirstMessage: firstMessage), null);

    /// <summary>
    /// As <see cref="ChatMessage"/>, without waiting, for a conversation: about its lead, or (for a
    /// visitor found to be a contact) the leads and deals of the client with that e-mail or phone.
    /// </summary>
    public static Task QueueChatMessage(IGrainFactory grains, int portalId, RecordRef? lead, string? email, string? phone, string channel, bool firstMessage, string note) =>
        Dispatcher(grains, portalId).Post(new CustomerEvent(TriggerKind.ChatMessage, lead, email, phone, Channel: channel, Note: note, FirstMessage: firstMessage));

    /// <summary>
    /// The client filled in the web form <paramref name="formId"/>: for the record the form was
    /// shown on, when known, otherwise for the leads and deals whose client has the e-mail or phone given.
    /// </summary>
    public static Task<TriggerReport> FormFilled(IGrainFactory grains, int portalId, string formId, RecordRef? record = null, string? email = null, string? phone = null) =>
        Dispatcher(grains, portalId).Dispatch(new CustomerEvent(TriggerKind.WebForm, record, email, phone, FormId: formId), null);

    private static CustomerEvent DealStage(long dealId, string stageId) =>
        new(TriggerKind.DealStage, new RecordRef("deal", dealId), StageId: stageId);

    private static ITriggerDispatchGrain Dispatcher(IGrainFactory grains, int portalId) => grains.GetGrain<ITriggerDispatchGrain>(portalId);
}
