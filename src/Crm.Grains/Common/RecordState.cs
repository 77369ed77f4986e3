namespace Crm.Grains.Common;

/// <summary>What a record grain persists. Plain JSON (System.Text.Json); keep member names stable.</summary>
public class RecordState<TRecord> where TRecord : class, IRecord
{
    public TRecord? Record { get; set; }

    /// <summary>Deleted records keep their id and last version, so the id is never reused.</summary>
    public bool Deleted { get; set; }

    /// <summary>The timeline entry of the current version, kept so a missed projection can be redone.</summary>
    public HistoryEntry? LastEntry { get; set; }
}
