using System.Text.RegularExpressions;

namespace Crm.Web.Automation;

/// <summary>The robot member a refusal of a stage's list names: "robots[2].settings.url" is "settings.url" of the robot at hand.</summary>
public static partial class RobotErrorField
{
    public static string? Member(string? field) => field is null ? null : Prefix().Replace(field, "");

    [GeneratedRegex(@"^robots\[\d+\]\.?")]
    private static partial Regex Prefix();
}
