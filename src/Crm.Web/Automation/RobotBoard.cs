using Crm.Grains.Interfaces.Automation;

namespace Crm.Web.Automation;

/// <summary>
/// One board's robots as the editor and the API show them: every stage (or lead status) in board
/// order with its robots in order. <see cref="MayEdit"/> says whether the reader may change them.
/// </summary>
public sealed record RobotBoard(string RecordKind, long? PipelineId, string Name, bool MayEdit, IReadOnlyList<RobotColumn> Stages)
{
    public RobotColumn? Find(string stageId) => Stages.FirstOrDefault(s => s.StageId == stageId);
}

/// <summary>A stage of a <see cref="RobotBoard"/>: its look and its robots.</summary>
public sealed record RobotColumn(string StageId, string Name, string Color, bool IsFinal, IReadOnlyList<Robot> Robots);
