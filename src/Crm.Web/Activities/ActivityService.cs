using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Activities;

/// <summary>
/// The activity commands every entry point uses (API, record cards, "my activities"): an activity
/// belongs to a record, so the user must be able to see that record, and the activity rights apply
/// by the activity's own responsible.
/// </summary>
public sealed class ActivityService(IGrainFactory grains, UserAccess access, RecordOwners owners)
{
    public async Task<Activity> Create(RequestUser user, ActivityFields fields)
    {
        await owners.RequireReadable(user, fields.Owner);
        (await access.Of(user)).Require(AccessEntity.Activity, AccessAction.Add, fields.ResponsibleId, "activities for this responsible");
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, "activity")).Next();
        return await Activity(user, id).Create(fields, user.UserId);
    }

    public async Task<Activity> Get(RequestUser user, long id) => await Checked(user, id, AccessAction.Read);

    /// <summary>Changes the activity's fields; it stays with its record.</summary>
    public async Task<Activity> Update(RequestUser user, long id, Func<Activity, ActivityFields> change, long? version)
    {
        var activity = await Checked(user, id, AccessAction.Edit);
        return await Activity(user, id).Update(change(activity) with { Owner = activity.Fields.Owner }, version ?? activity.Version, user.UserId);
    }

    public async Task<Activity> SetDone(RequestUser user, long id, bool done, long? version)
    {
        var activity = await Checked(user, id, AccessAction.Edit);
        return await Activity(user, id).SetDone(done, version ?? activity.Version, user.UserId);
    }

    public async Task Delete(RequestUser user, long id, long? version)
    {
        var activity = await Checked(user, id, AccessAction.Delete);
        await Activity(user, id).Delete(version ?? activity.Version, user.UserId);
    }

    private async Task<Activity> Checked(RequestUser user, long id, AccessAction action)
    {
        var activity = await Activity(user, id).Get();
        await owners.RequireReadable(user, activity.Fields.Owner);
        (await access.Of(user)).RequireOn(AccessEntity.Activity, action, activity.Fields.ResponsibleId, "this activity");
        return activity;
    }

    private IActivityGrain Activity(RequestUser user, long id) => grains.GetGrain<IActivityGrain>(GrainKeys.For(user.PortalId, id));
}
