using Crm.Grains.Interfaces.Activities;

namespace Crm.Grains.ReadModel;

/// <summary>The deal a DealStage event is about: its pipeline, and the other open deals of its client.</summary>
public sealed record ClientDeals(long PipelineId, IReadOnlyList<long> OtherDealIds);

/// <summary>Finds the records a customer event concerns, in the read model (grain state is not searchable).</summary>
public interface ITriggerRecords
{
    /// <summary>
    /// Leads whose e-mail or phone matches (those in <paramref name="closedLeadStatuses"/> left out),
    /// then open deals whose contact or company matches; e-mails lower-case as stored, phones by
    /// <see cref="Common.ContactPoints.PhoneKey"/>. At most <paramref name="limit"/>, in id order.
    /// </summary>
    Task<IReadOnlyList<RecordRef>> ByContactPoint(int portalId, string? email, string? phoneKey, IReadOnlyCollection<string> closedLeadStatuses, int limit);

    /// <summary>The deal's pipeline and the open deals sharing one of its contacts or its company; null when the deal is not in the read model.</summary>
    Task<ClientDeals?> ClientDealsOf(int portalId, long dealId, int limit);
}
