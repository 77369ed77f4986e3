namespace Crm.Grains.Interfaces.Common;

/// <summary>A CRM record (lead, contact, company, ...): its portal, its id there, and its version.</summary>
public interface IRecord
{
    int PortalId { get; }

    long Id { get; }

    /// <summary>Grows by one with every change; events and read-model rows carry it.</summary>
    long Version { get; }
}
