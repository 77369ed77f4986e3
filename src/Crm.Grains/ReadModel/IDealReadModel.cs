using Crm.Grains.Interfaces.Deals;

namespace Crm.Grains.ReadModel;

/// <summary>The deals table and deal history as the deal and pipeline grains need them.</summary>
public interface IDealReadModel
{
    /// <summary>
    /// Writes the deal's row (only if <paramref name="deal"/> is newer than the stored row) and, in
    /// the same transaction, its history entry (once per version).
    /// </summary>
    Task Project(Deal deal, bool deleted, HistoryEntry? entry);

    /// <summary>The version of the stored row, or null if there is none.</summary>
    Task<long?> GetVersion(int portalId, long dealId);

    /// <summary>Ids of the live deals the read model places in a stage, in board order.</summary>
    Task<IReadOnlyList<long>> DealIdsInStage(int portalId, long pipelineId, string stageId);
}
