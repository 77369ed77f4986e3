using Crm.Grains.Interfaces.CustomFields;

namespace Crm.Grains.ReadModel;

/// <summary>
/// Keeps filters on a custom field indexed: equality is served by each table's GIN index on its
/// custom values; numbers, money and dates (range filters) get an index of their own.
/// </summary>
public interface ICustomFieldIndexes
{
    Task Ensure(int portalId, CustomField field);

    Task Drop(int portalId, CustomField field);
}
