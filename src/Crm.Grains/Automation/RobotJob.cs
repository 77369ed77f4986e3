using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>
/// One robot a record owes since it entered a stage, kept in the record grain's state (plain JSON;
/// keep member names stable). <see cref="DueAt"/> is null while a chained robot waits for
/// <see cref="WaitsFor"/>; <see cref="Started"/> marks a robot whose effect in another grain may have
/// begun, and <see cref="EffectId"/> is the id reserved for what it creates (comment, activity, deal),
/// so running it again after a crash finds that record instead of making a second one.
/// </summary>
public sealed record RobotJob(
    string Id,
    string StageId,
    Robot Robot,
    DateTimeOffset EnteredAt,
    DateTimeOffset? DueAt,
    string? WaitsFor,
    bool Started = false,
    long? EffectId = null);

/// <summary>The robots a record owes, part of its grain's state; <see cref="Entries"/> numbers stage entries so job ids never repeat.</summary>
public sealed class RobotQueueState
{
    public long Entries { get; set; }

    public List<RobotJob> Jobs { get; set; } = [];

    /// <summary>The due time the record's alarm (its reminder) was set for; null when none is (as far as the stored state knows).</summary>
    public DateTimeOffset? ReminderFor { get; set; }
}
