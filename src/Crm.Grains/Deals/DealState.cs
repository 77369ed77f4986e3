using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Deals;

namespace Crm.Grains.Deals;

/// <summary>What the deal grain persists. Plain JSON (System.Text.Json); keep member names stable.</summary>
public sealed class DealState
{
    public Deal? Deal { get; set; }

    /// <summary>Deleted deals keep their id and last version, so the id is never reused.</summary>
    public bool Deleted { get; set; }

    /// <summary>The history entry of the current version, kept so a missed projection can be redone.</summary>
    public HistoryEntry? LastEntry { get; set; }

    /// <summary>The robots the deal owes since it entered its stage (see <see cref="RobotQueue"/>).</summary>
    public RobotQueueState Robots { get; set; } = new();
}
