using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>Whether a trigger may move a record: by default only forward in the board's stage order (as in Bitrix24).</summary>
public static class TriggerMoves
{
    /// <summary>Null when the record moves from <paramref name="currentStageId"/>; otherwise why it stays.</summary>
    public static string? Refusal(IReadOnlyList<string> stageOrder, string currentStageId, TriggerHit hit)
    {
        var target = IndexOf(stageOrder, hit.StageId);
        if (target < 0) return $"the stage {hit.StageId} is no longer on the board";
        if (hit.StageId == currentStageId) return "the record is in that stage already";
        if (target < IndexOf(stageOrder, currentStageId) && !hit.AllowBack) return "the trigger only moves records forward";
        return null;
    }

    private static int IndexOf(IReadOnlyList<string> order, string id)
    {
        for (var i = 0; i < order.Count; i++)
            if (order[i] == id) return i;
        return -1;
    }
}
