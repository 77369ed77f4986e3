using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.ReadModel;

/// <summary>The leads table and the leads' timeline as the lead grain writes them.</summary>
public interface ILeadReadModel
{
    /// <summary>
    /// Writes the lead's row (only if <paramref name="lead"/> is newer than the stored row) and, in
    /// the same transaction, its timeline entry (once per version).
    /// </summary>
    Task Project(Lead lead, bool deleted, HistoryEntry? entry);

    /// <summary>The version of the stored row, or null if there is none.</summary>
    Task<long?> GetVersion(int portalId, long leadId);
}
