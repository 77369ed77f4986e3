namespace Crm.Grains.Automation;

/// <summary>What a department's turn keeper persists: the user who got the last record.</summary>
public sealed class RobotTurnsState
{
    public int? LastUserId { get; set; }
}

/// <summary>Who takes the next record of a department in round-robin robots; key "{portal}/department-{id}".</summary>
public interface IRobotTurnsGrain : IGrainWithStringKey
{
    /// <summary>The member after the one who had the last turn (the first when that one is gone).</summary>
    Task<int> Next(IReadOnlyList<int> members);
}

[GrainType("robot-turns")]
public sealed class RobotTurnsGrain(
    [PersistentState("robot-turns", Common.StorageNames.Crm)] IPersistentState<RobotTurnsState> state) : Grain, IRobotTurnsGrain
{
    public async Task<int> Next(IReadOnlyList<int> members)
    {
        var ordered = members.Distinct().Order().ToList();
        if (ordered.Count == 0) throw new ArgumentException("A turn needs at least one member.", nameof(members));
        var next = ordered.FirstOrDefault(id => id > (state.State.LastUserId ?? int.MinValue), ordered[0]);
        state.State.LastUserId = next;
        await state.WriteStateAsync();
        return next;
    }
}
