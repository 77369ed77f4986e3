namespace Crm.Grains.ReadModel;

/// <summary>The portal's audit log: who changed access rights, who signed in.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry; <paramref name="details"/> is stored as JSON.</summary>
    Task Record(int portalId, int? actorId, string action, object details);
}
