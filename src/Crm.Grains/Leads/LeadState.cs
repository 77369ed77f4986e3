using Crm.Grains.Automation;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Leads;

namespace Crm.Grains.Leads;

/// <summary>The lead grain's state: the record, and a conversion that has started and not yet ended.</summary>
public sealed class LeadState : RecordState<Lead>
{
    public PendingConversion? Conversion { get; set; }

    /// <summary>The robots the lead owes since it entered its status (see <see cref="RobotQueue"/>).</summary>
    public RobotQueueState Robots { get; set; } = new();
}

/// <summary>A conversion in progress: the ids reserved for its records and what they will hold.</summary>
public sealed record PendingConversion(LeadConversion Ids, LeadConversionPlan Plan, long PipelineId, int ActorId);
