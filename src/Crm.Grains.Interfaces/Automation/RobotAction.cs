namespace Crm.Grains.Interfaces.Automation;

/// <summary>What a robot does; each action reads its own members of <see cref="RobotSettings"/>.</summary>
[GenerateSerializer]
public enum RobotAction
{
    /// <summary>Plans a call, meeting or e-mail activity on the record (ActivityType, Subject, Body, DeadlineMinutes, ToUserId).</summary>
    CreateActivity = 0,

    /// <summary>Sets a task on the record (Subject, Body, DeadlineMinutes, ToUserId).</summary>
    CreateTask = 1,

    /// <summary>Adds a comment to the record's timeline (Text).</summary>
    AddComment = 2,

    /// <summary>Sends an internal notification to a user, the record's responsible by default (Text, ToUserId).</summary>
    Notify = 3,

    /// <summary>Sends an e-mail to the client (Subject, Body).</summary>
    SendEmail = 4,

    /// <summary>Sends an SMS to the client (Body).</summary>
    SendSms = 5,

    /// <summary>Changes one field of the record (FieldCode, Value).</summary>
    SetField = 6,

    /// <summary>Gives the record a new responsible (ResponsibleMode, ToUserId or DepartmentId).</summary>
    SetResponsible = 7,

    /// <summary>Moves the record to another stage of its pipeline or another lead status (StageId).</summary>
    MoveToStage = 8,

    /// <summary>Creates a deal: from a lead, or a follow-up deal (PipelineId, StageId, Title).</summary>
    CreateDeal = 9,

    /// <summary>Posts the record to an outside address (Url).</summary>
    CallWebhook = 10,
}
