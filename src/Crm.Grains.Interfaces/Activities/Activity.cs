namespace Crm.Grains.Interfaces.Activities;

/// <summary>What kind of work an activity is.</summary>
[GenerateSerializer]
public enum ActivityType
{
    Call = 0,
    Meeting = 1,
    Email = 2,
    Task = 3,
}

/// <summary>The record an activity belongs to: kind "lead", "deal", "contact" or "company", and its id.</summary>
[GenerateSerializer, Immutable, Alias("crm.record-ref")]
public sealed record RecordRef(
    [property: Id(0)] string Kind,
    [property: Id(1)] long Id);

/// <summary>The fields a user edits on an activity.</summary>
[GenerateSerializer, Immutable, Alias("crm.activity-fields")]
public sealed record ActivityFields(
    [property: Id(0)] ActivityType Type,
    [property: Id(1)] string Subject,
    [property: Id(2)] int ResponsibleId,
    [property: Id(3)] RecordRef Owner,
    [property: Id(4)] string Description = "",
    [property: Id(5)] DateTimeOffset? Deadline = null);

/// <summary>A call, meeting, logged e-mail or task, linked to one record; done or still to do.</summary>
[GenerateSerializer, Immutable, Alias("crm.activity")]
public sealed record Activity(
    [property: Id(0)] int PortalId,
    [property: Id(1)] long Id,
    [property: Id(2)] ActivityFields Fields,
    [property: Id(3)] bool Done,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] int CreatedBy,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] int UpdatedBy,
    [property: Id(8)] long Version) : IRecord;

/// <summary>The single writer of one activity; key "{portal}/{id}".</summary>
public interface IActivityGrain : IGrainWithStringKey
{
    Task<Activity> Create(ActivityFields fields, int actorId);

    Task<Activity> Get();

    /// <summary>Changes subject, description, responsible, deadline or type (not the record it belongs to).</summary>
    Task<Activity> Update(ActivityFields fields, long? expectedVersion, int actorId);

    /// <summary>Moves the activity to another record (when its record was merged into that one).</summary>
    Task<Activity> MoveTo(RecordRef owner, int actorId);

    /// <summary>Marks the activity done (or not done again).</summary>
    Task<Activity> SetDone(bool done, long? expectedVersion, int actorId);

    Task Delete(long? expectedVersion, int actorId);
}
