namespace Crm.Grains.Interfaces.Portals;

/// <summary>
/// Hands out record ids (integers per portal and record kind, as Bitrix24's are);
/// key "{portal}/{kind}". Ids are unique and increasing; a crash may skip some.
/// </summary>
public interface IRecordIdGrain : IGrainWithStringKey
{
    Task<long> Next();
}
