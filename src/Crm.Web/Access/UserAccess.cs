using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Web.Api;

namespace Crm.Web.Access;

/// <summary>The acting user's rights, from the portal's access grain (always the current version).</summary>
public sealed class UserAccess(IGrainFactory grains)
{
    public Task<AccessProfile> Of(RequestUser user) => grains.GetGrain<IAccessGrain>(user.PortalId).ProfileOf(user.UserId);

    /// <summary>Refuses a change of the portal's settings (pipelines, selection lists, custom fields) without the settings right.</summary>
    public async Task RequireSettings(RequestUser user) => (await Of(user)).RequireSettings();

    /// <summary>Refuses anyone but a portal admin, with <paramref name="refusal"/> saying what only admins may do.</summary>
    public async Task RequireAdmin(RequestUser user, string refusal)
    {
        if (!(await Of(user)).IsAdmin) throw CrmException.Forbidden("not_admin", refusal);
    }
}

/// <summary>Refusals in one wording for every entry point.</summary>
public static class AccessChecks
{
    /// <summary>Refuses the action unless the user's rights reach a record of this responsible at this place.</summary>
    public static void Require(this AccessProfile profile, string entity, AccessAction action, int responsibleId, string what,
        long? pipelineId = null, string? stageId = null)
    {
        if (!profile.Allows(entity, action, responsibleId, pipelineId, stageId))
            throw Denied(action, what);
    }

    /// <summary>Refuses an action on a record unless the user may read it and do the action (a record one cannot see cannot be changed either).</summary>
    public static void RequireOn(this AccessProfile profile, string entity, AccessAction action, int responsibleId, string what,
        long? pipelineId = null, string? stageId = null)
    {
        profile.Require(entity, AccessAction.Read, responsibleId, what, pipelineId, stageId);
        if (action != AccessAction.Read) profile.Require(entity, action, responsibleId, what, pipelineId, stageId);
    }

    public static bool MayChangeSettings(this AccessProfile profile) => profile.ScopeOf(AccessEntity.Settings, AccessAction.Edit) == AccessScope.All;

    public static void RequireSettings(this AccessProfile profile)
    {
        if (!profile.MayChangeSettings())
            throw CrmException.Forbidden("access_denied", "Your role does not allow you to change the portal's settings.");
    }

    public static CrmException Denied(AccessAction action, string what) =>
        CrmException.Forbidden("access_denied", $"Your role does not allow you to {Verb(action)} {what}.");

    private static string Verb(AccessAction action) => action switch
    {
        AccessAction.Read => "see",
        AccessAction.Add => "add",
        AccessAction.Edit => "change",
        AccessAction.Delete => "delete",
        AccessAction.Export => "export",
        _ => "import",
    };
}
