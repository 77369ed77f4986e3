using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.ReadModel;

/// <summary>How many live (not deleted) records use items of a selection list, read from the read model.</summary>
public interface IListUsage
{
    /// <summary>The number of live records using each of <paramref name="itemIds"/>; items nobody uses are left out.</summary>
    Task<IReadOnlyDictionary<string, long>> Count(int portalId, CrmListKind list, IReadOnlyCollection<string> itemIds);
}
