using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;

namespace Crm.Grains.Automation;

/// <summary>
/// How robots appear on a record's timeline: a change of the field "robot" from the robot's name to
/// what became of it ("ran: …", "skipped: …", "failed: …", "cancelled: …", "not scheduled: …").
/// </summary>
public static class RobotNotes
{
    public const string Field = "robot";

    /// <summary>The timeline action of a version made by a robot.</summary>
    public const string Action = "robot";

    public static FieldChange Ran(Robot robot, string what) => new(Field, robot.Name, $"ran: {what}");

    public static FieldChange Skipped(Robot robot, string why) => new(Field, robot.Name, $"skipped: {why}");

    public static FieldChange Failed(Robot robot, string why) => new(Field, robot.Name, $"failed: {why}");

    public static IEnumerable<FieldChange> Of(IEnumerable<RobotNotRun> notRun) => notRun.Select(n => new FieldChange(Field, n.Robot.Name, n.Reason));
}
