namespace Crm.Grains.Automation.Triggers;

/// <summary>
/// What a stage's trigger list is checked against: the stage, whether the board is the lead board and
/// the stage its "converted" status, the portal's pipelines with their stages (for DealStage
/// triggers), and the webhook codes other stages of the board use.
/// </summary>
public sealed record TriggerTargets(
    string StageId,
    bool LeadBoard,
    bool StageIsConverted,
    IReadOnlyDictionary<long, IReadOnlyList<string>> Pipelines,
    IReadOnlyCollection<string> CodesOfOtherStages);
