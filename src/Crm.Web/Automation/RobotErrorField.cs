using System.Text.RegularExpressions;

namespace Crm.Web.Automation;

/// <summary>
/// The member a refusal of a stage's list names, for the one robot or trigger at hand:
/// "robots[2].settings.url" is "settings.url", "triggers[0].code" is "code".
/// </summary>
public static partial class RobotErrorField
{
    public static string? Member(string? field) => field is null ? null : Prefix().Replace(field, "");

    [GeneratedRegex(@"^(robots|triggers)\[\d+\]\.?")]
    private static partial Regex Prefix();
}
