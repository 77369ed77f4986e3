using Crm.Grains.Interfaces.Automation;

namespace Crm.Web.Automation;

/// <summary>A board's stages in order, each with its triggers; <see cref="CanEdit"/> when the user may change them.</summary>
public sealed record TriggerBoard(string Kind, long? PipelineId, string Name, bool CanEdit, IReadOnlyList<TriggerColumn> Stages);

/// <summary>One stage (or lead status) and its triggers in order.</summary>
public sealed record TriggerColumn(string StageId, string Name, string Color, bool IsFinal, IReadOnlyList<Trigger> Triggers, bool TakesTriggers = true);
