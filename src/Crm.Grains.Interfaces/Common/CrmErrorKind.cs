namespace Crm.Grains.Interfaces.Common;

/// <summary>What went wrong with a command, so every entry point can map it to the same answer (HTTP status, hub error).</summary>
[GenerateSerializer]
public enum CrmErrorKind
{
    /// <summary>The input breaks a rule; nothing was changed.</summary>
    Invalid = 0,
    /// <summary>The record does not exist in this portal (or was deleted).</summary>
    NotFound = 1,
    /// <summary>The caller's view of the record is stale (version mismatch); nothing was changed.</summary>
    Conflict = 2,
    /// <summary>The acting user's rights do not allow the command; nothing was changed.</summary>
    Forbidden = 3,
}
