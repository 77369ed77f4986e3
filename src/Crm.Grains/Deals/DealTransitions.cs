using Crm.Grains.Pipelines;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Grains.Deals;

/// <summary>
/// How a deal moves through its pipeline: only to stages of its own pipeline; entering a won or lost
/// stage closes it; a closed deal stays where it is until it is reopened.
/// </summary>
public static class DealTransitions
{
    private static readonly DateTimeOffset PositionEpoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The position that puts a card on top of its column: newer is smaller. Seconds keep the numbers
    /// small enough that halving the gap between neighbours works many times over.
    /// </summary>
    public static double TopPosition(DateTimeOffset now) => -(now - PositionEpoch).TotalSeconds;

    public static Deal Move(Deal deal, Pipeline pipeline, string stageId, double? position, DateTimeOffset now)
    {
        var target = pipeline.FindStage(stageId) ?? throw StageRules.UnknownStageOfDeal(stageId);
        CheckPosition(position);
        if (target.Id == deal.StageId)
            return position is { } p && p != deal.Position ? deal with { Position = p } : deal;
        if (deal.IsClosed)
            throw CrmException.Invalid("deal_closed", "The deal is closed (won or lost); reopen it before moving it.", "stageId");
        return Enter(deal, target, position ?? TopPosition(now), now);
    }

    public static Deal Close(Deal deal, Pipeline pipeline, DealOutcome outcome, DateTimeOffset now)
    {
        if (deal.IsClosed)
            throw CrmException.Invalid("deal_closed", "The deal is already closed.");
        var semantic = outcome == DealOutcome.Won ? StageSemantic.Won : StageSemantic.Lost;
        var target = pipeline.Stages.First(s => s.Semantic == semantic);
        return Enter(deal, target, TopPosition(now), now);
    }

    public static Deal Reopen(Deal deal, Pipeline pipeline, string? stageId, DateTimeOffset now)
    {
        if (!deal.IsClosed)
            throw CrmException.Invalid("deal_open", "The deal is not closed.");
        var target = stageId is null ? pipeline.FirstStage : pipeline.FindStage(stageId) ?? throw StageRules.UnknownStageOfDeal(stageId);
        if (target.IsFinal)
            throw CrmException.Invalid("reopen_to_final_stage", "A deal is reopened into an in-progress stage.", "stageId");
        return deal with { StageId = target.Id, IsClosed = false, Position = TopPosition(now) };
    }

    /// <summary>Puts the deal in a stage that is being deleted's replacement, whatever its state.</summary>
    public static Deal Relocate(Deal deal, Pipeline pipeline, string toStageId, DateTimeOffset now)
    {
        var target = pipeline.FindStage(toStageId) ?? throw StageRules.UnknownStageOfDeal(toStageId);
        return Enter(deal with { IsClosed = false }, target, TopPosition(now), now);
    }

    private static Deal Enter(Deal deal, Stage target, double position, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var closeDate = target.IsFinal && deal.CloseDate is null && (deal.BeginDate is null || deal.BeginDate <= today)
            ? today
            : deal.CloseDate;
        return deal with { StageId = target.Id, IsClosed = target.IsFinal, Position = position, CloseDate = closeDate };
    }

    private static void CheckPosition(double? position)
    {
        if (position is { } p && !double.IsFinite(p))
            throw CrmException.Invalid("invalid_position", "The position must be a finite number.", "position");
    }
}
