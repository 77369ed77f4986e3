using System.Text.RegularExpressions;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;

namespace Crm.Grains.Pipelines;

/// <summary>
/// The rules of a pipeline's stage list. A board reads left to right: in-progress stages first (the
/// first of them is where new deals land), then the final stages; at least one won and one lost.
/// Every operation builds the new list here and has it checked before the grain stores it.
/// </summary>
public static partial class StageRules
{
    public const int MaxNameLength = 50;
    public const int MaxStages = 60;

    public static string CheckName(string? name, string field = "name")
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
            throw CrmException.Invalid("name_required", "A name is required.", field);
        if (trimmed.Length > MaxNameLength)
            throw CrmException.Invalid("name_too_long", $"A name can be at most {MaxNameLength} characters.", field);
        return trimmed;
    }

    public static string CheckColor(string? color)
    {
        if (color is null || !ColorPattern().IsMatch(color))
            throw CrmException.Invalid("invalid_color", $"'{color}' is not a colour; use #RRGGBB.", "color");
        return color.ToUpperInvariant();
    }

    /// <summary>Checks a whole stage list; throws the first broken rule.</summary>
    public static void CheckStructure(IReadOnlyList<Stage> stages)
    {
        if (stages.Count > MaxStages)
            throw CrmException.Invalid("too_many_stages", $"A pipeline can have at most {MaxStages} stages.");
        if (stages.Select(s => s.Id).Distinct().Count() != stages.Count)
            throw CrmException.Invalid("duplicate_stage", "Stage ids must be unique.");
        if (!stages.Any(s => s.Semantic == StageSemantic.InProgress))
            throw CrmException.Invalid("no_in_progress_stage", "A pipeline needs at least one in-progress stage.");
        if (!stages.Any(s => s.Semantic == StageSemantic.Won))
            throw CrmException.Invalid("no_won_stage", "A pipeline needs at least one won stage.");
        if (!stages.Any(s => s.Semantic == StageSemantic.Lost))
            throw CrmException.Invalid("no_lost_stage", "A pipeline needs at least one lost stage.");
        var firstFinal = stages.ToList().FindIndex(s => s.IsFinal);
        if (stages.Skip(firstFinal).Any(s => !s.IsFinal))
            throw CrmException.Invalid("final_before_in_progress",
                "Won and lost stages come after every in-progress stage; the first stage must be in progress.");
    }

    /// <summary>Where a new stage goes when no index is given: at the end of the stages of its kind.</summary>
    public static int DefaultIndex(IReadOnlyList<Stage> stages, StageSemantic semantic)
    {
        var rank = Rank(semantic);
        var lastOfRankOrBefore = stages.ToList().FindLastIndex(s => Rank(s.Semantic) <= rank);
        return lastOfRankOrBefore + 1;
    }

    public static IReadOnlyList<Stage> Add(IReadOnlyList<Stage> stages, Stage stage, int? index)
    {
        var at = index ?? DefaultIndex(stages, stage.Semantic);
        if (at < 0 || at > stages.Count)
            throw CrmException.Invalid("invalid_index", $"Index {at} is outside 0..{stages.Count}.", "index");
        var list = stages.ToList();
        list.Insert(at, stage);
        CheckStructure(list);
        return list;
    }

    public static IReadOnlyList<Stage> Replace(IReadOnlyList<Stage> stages, Stage stage)
    {
        var list = stages.ToList();
        var i = list.FindIndex(s => s.Id == stage.Id);
        if (i < 0) throw UnknownStage(stage.Id);
        list[i] = stage;
        return list;
    }

    public static IReadOnlyList<Stage> Reorder(IReadOnlyList<Stage> stages, IReadOnlyList<string> order)
    {
        if (order.Count != stages.Count || order.Distinct().Count() != order.Count)
            throw CrmException.Invalid("invalid_order", "The new order must name every stage exactly once.", "stageIds");
        var list = order.Select(id => stages.FirstOrDefault(s => s.Id == id) ?? throw UnknownStage(id)).ToList();
        CheckStructure(list);
        return list;
    }

    /// <summary>The list without the stage; refuses to remove the last stage of a kind.</summary>
    public static IReadOnlyList<Stage> Remove(IReadOnlyList<Stage> stages, string stageId)
    {
        var stage = stages.FirstOrDefault(s => s.Id == stageId) ?? throw UnknownStage(stageId);
        if (stages.Count(s => s.Semantic == stage.Semantic) == 1)
            throw stage.Semantic switch
            {
                StageSemantic.Won => CrmException.Invalid("last_won_stage", "The last won stage cannot be deleted."),
                StageSemantic.Lost => CrmException.Invalid("last_lost_stage", "The last lost stage cannot be deleted."),
                _ => CrmException.Invalid("last_in_progress_stage", "The last in-progress stage cannot be deleted."),
            };
        var list = stages.Where(s => s.Id != stageId).ToList();
        CheckStructure(list);
        return list;
    }

    public static CrmException UnknownStage(string stageId) =>
        CrmException.Invalid("unknown_stage", $"Stage '{stageId}' is not a stage of this pipeline.", "stageId");

    public static CrmException UnknownStageOfDeal(string stageId) =>
        CrmException.Invalid("unknown_stage", $"Stage '{stageId}' is not a stage of the deal's pipeline.", "stageId");

    private static int Rank(StageSemantic semantic) => semantic switch
    {
        StageSemantic.InProgress => 0,
        StageSemantic.Won => 1,
        _ => 2,
    };

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();
}
