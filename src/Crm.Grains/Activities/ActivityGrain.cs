using Crm.Grains.Common;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;
using static Crm.Grains.Common.TimelineText;

namespace Crm.Grains.Activities;

/// <summary>The single writer of one activity. Its timeline also shows on the record it belongs to.</summary>
[GrainType("activity")]
public sealed class ActivityGrain(
    [PersistentState("activity", StorageNames.Crm)] IPersistentState<RecordState<Activity>> state,
    IRecordReadModel<Activity> readModel,
    IUserDirectory users,
    TimeProvider clock,
    ILogger<ActivityGrain> log) : RecordGrain<Activity, RecordState<Activity>>(state, readModel, clock, log), IActivityGrain
{
    protected override string Kind => "Activity";

    public async Task<Activity> Create(ActivityFields fields, int actorId)
    {
        var checkedFields = ActivityRules.Check(fields) with { Owner = await RecordOwners.Check(GrainFactory, Key.PortalId, fields.Owner) };
        await users.CheckActive(Key.PortalId, checkedFields.ResponsibleId);
        return await CommitNew(new Activity(Key.PortalId, Key.Id, checkedFields, false, default, 0, default, 0, 0), actorId);
    }

    public Task<Activity> Get() => Task.FromResult(Current);

    public async Task<Activity> Update(ActivityFields fields, long? expectedVersion, int actorId)
    {
        var activity = Current;
        CheckVersion(expectedVersion);
        var checkedFields = ActivityRules.Check(fields) with { Owner = activity.Fields.Owner };
        if (checkedFields.ResponsibleId != activity.Fields.ResponsibleId)
            await users.CheckActive(Key.PortalId, checkedFields.ResponsibleId);
        return await Apply(activity, activity with { Fields = checkedFields }, "updated", actorId);
    }

    public async Task<Activity> MoveTo(RecordRef owner, int actorId)
    {
        var activity = Current;
        var checkedOwner = await RecordOwners.Check(GrainFactory, Key.PortalId, owner);
        return await Apply(activity, activity with { Fields = activity.Fields with { Owner = checkedOwner } }, "moved", actorId);
    }

    public async Task<Activity> SetDone(bool done, long? expectedVersion, int actorId)
    {
        var activity = Current;
        CheckVersion(expectedVersion);
        return await Apply(activity, activity with { Done = done }, done ? "completed" : "reopened", actorId);
    }

    public Task Delete(long? expectedVersion, int actorId) => DeleteCurrent(expectedVersion, actorId);

    protected override Activity Stamp(Activity a, long version, DateTimeOffset at, int actorId) => version == 1
        ? a with { Version = 1, CreatedAt = at, CreatedBy = actorId, UpdatedAt = at, UpdatedBy = actorId }
        : a with { Version = version, UpdatedAt = at, UpdatedBy = actorId };

    protected override IReadOnlyList<FieldChange> Diff(Activity? before, Activity after)
    {
        var (a, b) = (before?.Fields, after.Fields);
        return new Changes()
            .Add("type", a?.Type.ToString().ToLowerInvariant(), b.Type.ToString().ToLowerInvariant())
            .Add("subject", a?.Subject, b.Subject)
            .Add("description", a?.Description, b.Description)
            .Add("responsibleId", a is null ? null : Number(a.ResponsibleId), Number(b.ResponsibleId))
            .Add("deadline", a is null ? null : a.Deadline?.ToString("O") ?? "", b.Deadline?.ToString("O") ?? "")
            .Add("done", before is null ? null : Flag(before.Done), Flag(after.Done))
            // Only a move changes the owner; a new activity's owner is its timeline, not a change.
            .Add("owner", a is null ? null : Owner(a.Owner), before is null ? null : Owner(b.Owner))
            .ToList(created: before is null);
    }

    private static string Flag(bool done) => done ? "yes" : "";

    private static string Owner(RecordRef owner) => $"{owner.Kind} {owner.Id}";
}
