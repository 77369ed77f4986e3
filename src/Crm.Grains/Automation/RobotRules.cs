using System.Globalization;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>
/// What makes a robot, and the robot list of one stage, valid. Returns them cleaned: trimmed,
/// canonical, field codes in the catalogue's spelling, settings the action does not use dropped, a
/// default name for a nameless robot, ids for robots without one.
/// </summary>
public static class RobotRules
{
    public static Robot Check(Robot robot, RobotFieldCatalogue catalogue, RobotTargets targets)
    {
        var id = robot.Id?.Trim() ?? "";
        if (id.Length == 0)
            throw CrmException.Invalid("robot_id_required", "A robot needs an id.", "id");
        if (id.Length > RobotLimits.MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw CrmException.Invalid("robot_id_invalid", $"A robot id is up to {RobotLimits.MaxIdLength} letters, digits, '-' or '_'.", "id");
        if (!Enum.IsDefined(robot.Action))
            throw CrmException.Invalid("unknown_action", $"'{robot.Action}' is not a robot action.", "action");
        var name = FieldRules.Text(robot.Name, "name", RobotLimits.MaxNameLength);
        return new Robot(id, name.Length > 0 ? name : DefaultName(robot.Action), robot.Action,
            RobotSettingsRules.Check(robot.Action, robot.Settings, catalogue, targets),
            RobotTimingRules.Check(robot.Timing, catalogue),
            RobotConditionRules.Check(robot.Condition, catalogue));
    }

    /// <summary>
    /// Checks the robots of one stage in their order. Ids are unique (ignoring case); a robot without
    /// one gets the next free "rN". A first robot marked AfterPrevious is kept as it is and starts on
    /// entering the stage (see <see cref="RobotChain"/>). Errors name the robot: robots[i].&lt;field&gt;.
    /// </summary>
    public static IReadOnlyList<Robot> CheckStage(IReadOnlyList<Robot>? robots, RobotFieldCatalogue catalogue, RobotTargets targets)
    {
        var list = robots ?? [];
        if (list.Count > RobotLimits.MaxRobotsPerStage)
            throw CrmException.Invalid("too_many_robots", $"A stage can have at most {RobotLimits.MaxRobotsPerStage} robots.", "robots");
        var taken = new HashSet<string>(list.Select(r => r.Id?.Trim() ?? "").Where(i => i.Length > 0), StringComparer.OrdinalIgnoreCase);
        var next = 1;
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<Robot>();
        for (var i = 0; i < list.Count; i++)
        {
            var robot = list[i];
            if (string.IsNullOrWhiteSpace(robot.Id))
            {
                while (taken.Contains($"r{next}")) next++;
                robot = robot with { Id = $"r{next}" };
                taken.Add(robot.Id);
            }
            Robot checkedRobot;
            try
            {
                checkedRobot = Check(robot, catalogue, targets);
            }
            catch (CrmException e)
            {
                var label = string.IsNullOrWhiteSpace(robot.Name) ? robot.Id : robot.Name.Trim();
                throw new CrmException(e.Kind, e.Code, $"Robot {i + 1} ('{label}'): {e.Message}", e.Field is null ? $"robots[{i}]" : $"robots[{i}].{e.Field}");
            }
            if (!ids.Add(checkedRobot.Id))
                throw CrmException.Invalid("duplicate_robot_id", $"Robot {i + 1}: another robot of this stage has the id '{checkedRobot.Id}'.", $"robots[{i}].id");
            result.Add(checkedRobot);
        }
        return result;
    }

    /// <summary>The users a checked robot names, for the caller to check against the portal's active users.</summary>
    public static IReadOnlyList<int> UserIds(Robot robot, RobotFieldCatalogue catalogue)
    {
        var users = new List<int>();
        if (robot.Settings.ToUserId is { } to) users.Add(to);
        if (robot.Action == RobotAction.SetField && catalogue.Find(robot.Settings.FieldCode)?.Kind == RobotFieldKind.User
            && int.TryParse(robot.Settings.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var user))
            users.Add(user);
        return users;
    }

    /// <summary>The name a robot gets when its author gives none.</summary>
    public static string DefaultName(RobotAction action) => action switch
    {
        RobotAction.CreateActivity => "Plan an activity",
        RobotAction.CreateTask => "Create a task",
        RobotAction.AddComment => "Add a comment",
        RobotAction.Notify => "Notify",
        RobotAction.SendEmail => "Send an e-mail",
        RobotAction.SendSms => "Send an SMS",
        RobotAction.SetField => "Change a field",
        RobotAction.SetResponsible => "Change the responsible",
        RobotAction.MoveToStage => "Change the stage",
        RobotAction.CreateDeal => "Create a deal",
        RobotAction.CallWebhook => "Call a webhook",
        _ => action.ToString(),
    };
}
