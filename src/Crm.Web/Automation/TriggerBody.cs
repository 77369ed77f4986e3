using Crm.Grains.Interfaces.Automation;

namespace Crm.Web.Automation;

/// <summary>
/// A trigger as the API takes it. Every member may be missing from JSON, so a trigger without a kind
/// is refused by name instead of silently becoming the first kind.
/// </summary>
public sealed record TriggerBody(
    string? Id, string? Name, TriggerKind? Kind, bool? AllowBack = null, string? Code = null,
    long? PipelineId = null, string? StageId = null, string? FormId = null, string? Channel = null, bool? FirstMessageOnly = null)
{
    /// <summary>A stored trigger as the editor sends it back with its stage's list.</summary>
    public static TriggerBody Of(Trigger t) => new(t.Id, t.Name, t.Kind, t.AllowBack, t.Code, t.PipelineId, t.StageId, t.FormId, t.Channel, t.FirstMessageOnly);

    /// <summary>The list as the triggers grain takes it: present, without holes, each with a kind.</summary>
    public static IReadOnlyList<Trigger> ToTriggers(IReadOnlyList<TriggerBody?>? triggers)
    {
        if (triggers is null)
            throw CrmException.Invalid("triggers_required", "Send the stage's triggers as {triggers: [...]}; an empty list removes them all.", "triggers");
        var result = new List<Trigger>(triggers.Count);
        for (var i = 0; i < triggers.Count; i++)
        {
            var t = triggers[i] ?? throw CrmException.Invalid("trigger_required", $"Trigger {i + 1} is empty.", $"triggers[{i}]");
            var kind = t.Kind ?? throw CrmException.Invalid("kind_required",
                $"Trigger {i + 1} needs a kind: one of {string.Join(", ", Enum.GetNames<TriggerKind>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.", $"triggers[{i}].kind");
            result.Add(new Trigger(t.Id ?? "", t.Name ?? "", kind, t.AllowBack ?? false, t.Code, t.PipelineId, t.StageId, t.FormId, t.Channel, t.FirstMessageOnly));
        }
        return result;
    }
}
