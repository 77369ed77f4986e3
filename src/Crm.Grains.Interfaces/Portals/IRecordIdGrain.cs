namespace Crm.Grains.Interfaces.Portals;

/// <summary>
/// Hands out record ids (integers per portal and record kind, as Bitrix24's are);
/// key "{portal}/{kind}". Ids are unique and increasing; a crash may skip some.
/// </summary>
public interface IRecordIdGrain : IGrainWithStringKey
{
    Task<long> Next();

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive ids at once and returns the first: bulk writers
    /// (imports) take one call per block instead of one per record. Ids of a block that are never
    /// used are skipped, as after a crash.
    /// </summary>
    Task<long> Reserve(int count);
}
