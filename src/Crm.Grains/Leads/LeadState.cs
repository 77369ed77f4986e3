using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.Leads;

/// <summary>What the lead grain persists. Plain JSON (System.Text.Json); keep member names stable.</summary>
public sealed class LeadState
{
    public Lead? Lead { get; set; }

    /// <summary>Deleted leads keep their id and last version, so the id is never reused.</summary>
    public bool Deleted { get; set; }

    /// <summary>The timeline entry of the current version, kept so a missed projection can be redone.</summary>
    public HistoryEntry? LastEntry { get; set; }
}
