using System.Text.Json;
using Crm.Grains.Interfaces.Automation;

namespace Crm.Web.Automation;

/// <summary>How the editor words a trigger: the event it waits for (with its settings, pipelines and stages by name) and the webhook call that fires it.</summary>
public static class TriggerText
{
    /// <summary>Shown under a trigger that may move a record back from a later stage.</summary>
    public const string MayMoveBack = "may move back";

    public const string WebhookPath = "/api/triggers/webhook";

    /// <summary>The kind in words, as the kind picker lists it.</summary>
    public static string Kind(TriggerKind kind) => kind switch
    {
        TriggerKind.IncomingEmail => "Incoming e-mail from the client",
        TriggerKind.IncomingCall => "Incoming call from the client",
        TriggerKind.WebForm => "Web form filled in by the client",
        TriggerKind.ChatMessage => "Chat message from the client",
        TriggerKind.LinkClicked => "Client opened a tracked link",
        TriggerKind.Webhook => "Webhook",
        TriggerKind.DealStage => "Client's other deal reaches a stage",
        _ => kind.ToString(),
    };

    /// <summary>What the trigger waits for, e.g. "Webhook with code paid" or "Deal in Sales reaches Won".</summary>
    public static string Event(Trigger trigger, IReadOnlyList<PipelineChoice> pipelines) => trigger.Kind switch
    {
        TriggerKind.Webhook => $"Webhook with code {trigger.Code}",
        TriggerKind.DealStage => DealStage(trigger.PipelineId, trigger.StageId, pipelines),
        TriggerKind.WebForm when trigger.FormId is not null => $"Web form {trigger.FormId} filled in by the client",
        TriggerKind.ChatMessage when trigger.Channel is not null => $"Chat message from the client on {trigger.Channel}",
        _ => Kind(trigger.Kind),
    };

    /// <summary>
    /// The request a system sends to fire a webhook trigger, ready to copy: the portal's address, an
    /// API token of a user who may change the record, and the body naming the record.
    /// </summary>
    public static string WebhookCall(string baseUri, string? code, string recordKind) =>
        $$"""
        POST {{baseUri.TrimEnd('/')}}{{WebhookPath}}
        Authorization: Bearer <API token>
        Content-Type: application/json

        {"code":{{JsonSerializer.Serialize(code ?? "")}},"recordType":"{{recordKind}}","recordId":<{{recordKind}} id>}
        """;

    private static string DealStage(long? pipelineId, string? stageId, IReadOnlyList<PipelineChoice> pipelines)
    {
        var pipeline = pipelines.FirstOrDefault(p => p.Id == pipelineId);
        var stage = pipeline?.Stages.FirstOrDefault(s => s.Id == stageId);
        return $"Deal in {pipeline?.Name ?? $"pipeline {pipelineId}"} reaches {stage?.Name ?? stageId}";
    }
}
