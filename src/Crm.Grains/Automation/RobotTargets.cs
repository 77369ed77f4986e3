namespace Crm.Grains.Automation;

/// <summary>
/// What robot checks need to know about the portal besides the fields: the stage the robots belong
/// to, the stages a MoveToStage robot may go to (the same pipeline's stages, or the lead statuses),
/// the deal pipelines with their stages (for CreateDeal), and the departments (for round-robin).
/// Users are checked by the caller against the user directory (<see cref="RobotRules.UserIds"/>).
/// </summary>
public sealed record RobotTargets(
    string StageId,
    IReadOnlyCollection<string> StageIds,
    IReadOnlyDictionary<long, IReadOnlyList<string>> DealPipelines,
    IReadOnlyCollection<int> DepartmentIds);
