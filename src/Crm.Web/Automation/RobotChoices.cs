using Crm.Grains.Interfaces.Settings;

namespace Crm.Web.Automation;

/// <summary>
/// What the robot dialog offers to pick from: the record's fields, the board's stages (MoveToStage),
/// the pipelines with their stages (CreateDeal), the portal's active users and its departments.
/// </summary>
public sealed record RobotChoices(
    string RecordKind,
    IReadOnlyList<RobotFieldInfo> Fields,
    IReadOnlyList<ListItem> BoardStages,
    IReadOnlyList<PipelineChoice> Pipelines,
    IReadOnlyList<UserChoice> Users,
    IReadOnlyList<UserChoice> Departments)
{
    public RobotFieldInfo? Field(string? code) => Fields.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A pipeline a robot can create deals in.</summary>
public sealed record PipelineChoice(long Id, string Name, IReadOnlyList<ListItem> Stages);

/// <summary>A user or department by id and name.</summary>
public sealed record UserChoice(int Id, string Name);
