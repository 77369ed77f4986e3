using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Settings;

namespace Crm.Web.Automation;

/// <summary>
/// A field robots may use, as the API and the editor show it: its code (for conditions, templates
/// <c>{{code}}</c> and SetField), what it holds, whether SetField may change it, the operators a
/// condition on it may use and, for list fields, the items (their ids are the values).
/// </summary>
public sealed record RobotFieldInfo(
    string Code,
    string Label,
    RobotFieldKind Kind,
    bool Writable,
    bool Required,
    bool Custom,
    IReadOnlyList<ConditionOperator> Operators,
    IReadOnlyList<ListItem>? Items)
{
    public bool IsDate => Kind is RobotFieldKind.Date or RobotFieldKind.DateTime;
}
