using Crm.Grains.Common;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation.Triggers;

/// <summary>
/// What makes a trigger, and the trigger list of one stage, valid. Returns them cleaned: trimmed,
/// webhook codes lower-case, settings the kind does not use dropped, a default name for a nameless
/// trigger, ids for triggers without one. Errors name the trigger: triggers[i].&lt;field&gt;.
/// </summary>
public static class TriggerRules
{
    public static Trigger Check(Trigger trigger, TriggerTargets targets)
    {
        var id = trigger.Id?.Trim() ?? "";
        if (id.Length == 0)
            throw CrmException.Invalid("trigger_id_required", "A trigger needs an id.", "id");
        if (id.Length > TriggerLimits.MaxIdLength || !id.All(IsKeyChar))
            throw CrmException.Invalid("trigger_id_invalid", $"A trigger id is up to {TriggerLimits.MaxIdLength} letters, digits, '-' or '_'.", "id");
        if (!Enum.IsDefined(trigger.Kind))
            throw CrmException.Invalid("unknown_trigger_kind", $"'{trigger.Kind}' is not a trigger kind.", "kind");
        var name = FieldRules.Text(trigger.Name, "name", TriggerLimits.MaxNameLength);
        var clean = new Trigger(id, name.Length > 0 ? name : DefaultName(trigger.Kind), trigger.Kind, trigger.AllowBack);
        return trigger.Kind switch
        {
            TriggerKind.Webhook => clean with { Code = Code(trigger.Code) },
            TriggerKind.DealStage => DealStage(clean, trigger, targets),
            TriggerKind.WebForm => clean with { FormId = Key(trigger.FormId, "formId") },
            TriggerKind.ChatMessage => clean with { Channel = Key(trigger.Channel, "channel"), FirstMessageOnly = trigger.FirstMessageOnly == true ? true : null },
            _ => clean,
        };
    }

    /// <summary>Checks the triggers of one stage in their order; ids are unique in the stage and webhook codes on the whole board (ignoring case).</summary>
    public static IReadOnlyList<Trigger> CheckStage(IReadOnlyList<Trigger>? triggers, TriggerTargets targets)
    {
        var list = triggers ?? [];
        if (list.Count == 0) return [];
        if (targets.StageIsConverted)
            throw CrmException.Invalid("converted_status", "A trigger cannot move a lead into a converted status: a lead gets there by being converted.", "stageId");
        if (list.Count > TriggerLimits.MaxTriggersPerStage)
            throw CrmException.Invalid("too_many_triggers", $"A stage can have at most {TriggerLimits.MaxTriggersPerStage} triggers.", "triggers");
        var taken = new HashSet<string>(list.Select(t => t.Id?.Trim() ?? "").Where(i => i.Length > 0), StringComparer.OrdinalIgnoreCase);
        var next = 1;
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var codes = new HashSet<string>(targets.CodesOfOtherStages, StringComparer.OrdinalIgnoreCase);
        var result = new List<Trigger>();
        for (var i = 0; i < list.Count; i++)
        {
            var trigger = list[i] ?? throw CrmException.Invalid("trigger_required", $"Trigger {i + 1} is empty.", $"triggers[{i}]");
            if (string.IsNullOrWhiteSpace(trigger.Id))
            {
                while (taken.Contains($"t{next}")) next++;
                trigger = trigger with { Id = $"t{next}" };
                taken.Add(trigger.Id);
            }
            Trigger checkedTrigger;
            try
            {
                checkedTrigger = Check(trigger, targets);
                if (targets.LeadBoard && checkedTrigger.Kind == TriggerKind.DealStage)
                    throw CrmException.Invalid("kind_not_for_leads", "A lead has no client deals yet: DealStage triggers belong on deal stages.", "kind");
            }
            catch (CrmException e)
            {
                var label = string.IsNullOrWhiteSpace(trigger.Name) ? trigger.Id : trigger.Name.Trim();
                throw new CrmException(e.Kind, e.Code, $"Trigger {i + 1} ('{label}'): {e.Message}", e.Field is null ? $"triggers[{i}]" : $"triggers[{i}].{e.Field}");
            }
            if (!ids.Add(checkedTrigger.Id))
                throw CrmException.Invalid("duplicate_trigger_id", $"Trigger {i + 1}: another trigger of this stage has the id '{checkedTrigger.Id}'.", $"triggers[{i}].id");
            if (checkedTrigger.Code is { } code && !codes.Add(code))
                throw CrmException.Invalid("duplicate_code", $"Trigger {i + 1}: another trigger of this board has the webhook code '{code}'; a code must name one stage.", $"triggers[{i}].code");
            result.Add(checkedTrigger);
        }
        return result;
    }

    /// <summary>The name a trigger gets when its author gives none.</summary>
    public static string DefaultName(TriggerKind kind) => kind switch
    {
        TriggerKind.IncomingEmail => "E-mail from the client",
        TriggerKind.IncomingCall => "Call from the client",
        TriggerKind.WebForm => "Web form filled",
        TriggerKind.ChatMessage => "Chat message",
        TriggerKind.LinkClicked => "Link clicked",
        TriggerKind.Webhook => "Webhook",
        TriggerKind.DealStage => "Client's other deal changed stage",
        _ => kind.ToString(),
    };

    /// <summary>A webhook code as stored: trimmed, lower-case; letters, digits, '-' and '_'.</summary>
    public static string Code(string? code)
    {
        var text = code?.Trim() ?? "";
        if (text.Length == 0)
            throw CrmException.Invalid("code_required", "A webhook trigger needs a code for the webhook to name.", "code");
        if (text.Length > TriggerLimits.MaxCodeLength || !text.All(IsKeyChar))
            throw CrmException.Invalid("code_invalid", $"A webhook code is 1 to {TriggerLimits.MaxCodeLength} letters, digits, '-' or '_'.", "code");
        return text.ToLowerInvariant();
    }

    private static Trigger DealStage(Trigger clean, Trigger given, TriggerTargets targets)
    {
        if (given.PipelineId is not { } pipelineId)
            throw CrmException.Invalid("pipeline_required", "A DealStage trigger needs the pipeline of the stage the client's other deal reaches.", "pipelineId");
        if (!targets.Pipelines.TryGetValue(pipelineId, out var stages))
            throw CrmException.Invalid("unknown_pipeline", $"Pipeline {pipelineId} does not exist.", "pipelineId");
        var stageId = given.StageId?.Trim() ?? "";
        if (stageId.Length == 0)
            throw CrmException.Invalid("stage_required", "A DealStage trigger needs the stage the client's other deal reaches.", "stageId");
        if (!stages.Contains(stageId))
            throw CrmException.Invalid("unknown_stage", $"'{stageId}' is not a stage of pipeline {pipelineId}; use one of {string.Join(", ", stages)}.", "stageId");
        return clean with { PipelineId = pipelineId, StageId = stageId };
    }

    /// <summary>An optional form id or channel: null for "any".</summary>
    private static string? Key(string? value, string field)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) return null;
        if (text.Length > TriggerLimits.MaxKeyLength || !text.All(c => IsKeyChar(c) || c is '.' or ':'))
            throw CrmException.Invalid($"{field}_invalid", $"'{field}' is up to {TriggerLimits.MaxKeyLength} letters, digits, '-', '_', '.' or ':'.", field);
        return text;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
