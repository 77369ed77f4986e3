using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>
/// Which robots of a stage start when a record enters it, and which one each chained robot waits
/// for. A robot marked AfterPrevious waits for the robot just before it in the stage's list (run or
/// skipped by its condition, the chain goes on); the first robot of a stage has nothing to wait for
/// and starts on entering the stage. The mark is kept on a first robot rather than refused, so
/// reordering robots does not silently drop it.
/// </summary>
public static class RobotChain
{
    /// <summary>The robots that start when a record enters the stage, in list order.</summary>
    public static IReadOnlyList<Robot> Starting(IReadOnlyList<Robot> stage) =>
        stage.Where((r, i) => i == 0 || !r.Timing.AfterPrevious).ToList();

    /// <summary>The robot <paramref name="robotId"/> waits for; null when it starts on entering the stage (or is not in the list).</summary>
    public static Robot? WaitsFor(IReadOnlyList<Robot> stage, string robotId)
    {
        var i = IndexOf(stage, robotId);
        return i > 0 && stage[i].Timing.AfterPrevious ? stage[i - 1] : null;
    }

    /// <summary>The robot that starts once <paramref name="robotId"/> has run or was skipped; null when none.</summary>
    public static Robot? Next(IReadOnlyList<Robot> stage, string robotId)
    {
        var i = IndexOf(stage, robotId);
        return i >= 0 && i + 1 < stage.Count && stage[i + 1].Timing.AfterPrevious ? stage[i + 1] : null;
    }

    private static int IndexOf(IReadOnlyList<Robot> stage, string robotId)
    {
        for (var i = 0; i < stage.Count; i++)
            if (string.Equals(stage[i].Id, robotId, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
