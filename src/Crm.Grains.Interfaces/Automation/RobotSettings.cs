using Crm.Grains.Interfaces.Activities;

namespace Crm.Grains.Interfaces.Automation;

/// <summary>
/// The settings of every action in one record, so the API and the stored state have one shape; each
/// action uses a few members (see <see cref="RobotAction"/>) and the rest stay null. Members called
/// templates may hold variables such as <c>{{title}}</c>, filled from the record when the robot runs.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.robot-settings")]
public sealed record RobotSettings(
    /// <summary>Call, meeting or e-mail, for <see cref="RobotAction.CreateActivity"/>.</summary>
    [property: Id(0)] ActivityType? ActivityType = null,
    /// <summary>Template: the subject of an activity, task or e-mail.</summary>
    [property: Id(1)] string? Subject = null,
    /// <summary>Template: the description of an activity or task, the text of an e-mail or SMS.</summary>
    [property: Id(2)] string? Body = null,
    /// <summary>An activity's or task's deadline, in minutes after the robot runs; null: none.</summary>
    [property: Id(3)] int? DeadlineMinutes = null,
    /// <summary>The user addressed: responsible of the activity or task, notified user, new responsible (fixed mode); null for activities, tasks and notifications: the record's responsible.</summary>
    [property: Id(4)] int? ToUserId = null,
    /// <summary>Template: a timeline comment or a notification.</summary>
    [property: Id(5)] string? Text = null,
    /// <summary>The field a <see cref="RobotAction.SetField"/> robot changes (a code of the record's field catalogue).</summary>
    [property: Id(6)] string? FieldCode = null,
    /// <summary>The new value in canonical text (a template for text fields); empty clears the field.</summary>
    [property: Id(7)] string? Value = null,
    [property: Id(8)] ResponsibleMode? ResponsibleMode = null,
    /// <summary>The department whose members take records in turn (round-robin mode).</summary>
    [property: Id(9)] int? DepartmentId = null,
    /// <summary>The stage (or lead status) to move to; for <see cref="RobotAction.CreateDeal"/> the new deal's stage, null: the pipeline's first.</summary>
    [property: Id(10)] string? StageId = null,
    /// <summary>The pipeline of a deal a robot creates.</summary>
    [property: Id(11)] long? PipelineId = null,
    /// <summary>Template: the title of a deal a robot creates.</summary>
    [property: Id(12)] string? Title = null,
    /// <summary>The http(s) address a webhook robot posts to (literal, not a template: the post carries the record).</summary>
    [property: Id(13)] string? Url = null);
