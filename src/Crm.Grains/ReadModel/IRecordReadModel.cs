namespace Crm.Grains.ReadModel;

/// <summary>A record type's table in the read model and its timeline, as the record's grain writes them.</summary>
public interface IRecordReadModel<in TRecord> where TRecord : IRecord
{
    /// <summary>
    /// Writes the record's row (only if it is newer than the stored row) and, in the same
    /// transaction, its timeline entry (once per version).
    /// </summary>
    Task Project(TRecord record, bool deleted, HistoryEntry? entry);

    /// <summary>The version of the stored row, or null if there is none.</summary>
    Task<long?> GetVersion(int portalId, long id);
}
