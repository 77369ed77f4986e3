using Crm.Grains.Interfaces.Access;

namespace Crm.Grains.Access;

/// <summary>
/// The one decision every entry point makes: may this user do this action on a record of this
/// entity, given the record's responsible user and, for deals, its pipeline and stage (for leads, its
/// status)? Each role decides by its most specific right for the record; the widest role wins.
/// </summary>
public static class AccessDecision
{
    /// <summary>The widest scope the user's roles give for the action on records at this place (pipeline/stage or status).</summary>
    public static AccessScope ScopeOf(this AccessProfile profile, string entity, AccessAction action, long? pipelineId = null, string? stageId = null)
    {
        if (profile.IsAdmin) return AccessScope.All;
        var widest = AccessScope.None;
        foreach (var role in profile.Roles)
        {
            var scope = RoleScope(role, entity, action, pipelineId, stageId);
            if (scope > widest) widest = scope;
        }
        return widest;
    }

    /// <summary>Whether any right lets the user do the action on some records of the entity (somewhere, for someone's records).</summary>
    public static bool MayEver(this AccessProfile profile, string entity, AccessAction action) =>
        profile.IsAdmin || profile.Roles.Any(r => r.Permissions.Any(p => p.Entity == entity && p.Action == action && p.Scope > AccessScope.None));

    /// <summary>Whether the user may do the action on a record whose responsible is <paramref name="responsibleId"/>.</summary>
    public static bool Allows(this AccessProfile profile, string entity, AccessAction action, int responsibleId, long? pipelineId = null, string? stageId = null) =>
        profile.Reaches(profile.ScopeOf(entity, action, pipelineId, stageId), responsibleId);

    /// <summary>Whether a scope covers records of this responsible user.</summary>
    public static bool Reaches(this AccessProfile profile, AccessScope scope, int responsibleId) => scope switch
    {
        AccessScope.All => true,
        AccessScope.DepartmentAndSub => responsibleId == profile.UserId || profile.DepartmentTreeUserIds.Contains(responsibleId),
        AccessScope.Department => responsibleId == profile.UserId || profile.DepartmentUserIds.Contains(responsibleId),
        AccessScope.Own => responsibleId == profile.UserId,
        _ => false,
    };

    /// <summary>The responsible users a scope covers, for a list's SQL filter; null when it covers everyone.</summary>
    public static IReadOnlyList<int>? ResponsiblesOf(this AccessProfile profile, AccessScope scope) => scope switch
    {
        AccessScope.All => null,
        AccessScope.DepartmentAndSub => [profile.UserId, .. profile.DepartmentTreeUserIds.Where(u => u != profile.UserId)],
        AccessScope.Department => [profile.UserId, .. profile.DepartmentUserIds.Where(u => u != profile.UserId)],
        AccessScope.Own => [profile.UserId],
        _ => [],
    };

    /// <summary>A role's scope for the action at this place: its right for the stage, else for the pipeline, else for the entity.</summary>
    private static AccessScope RoleScope(Role role, string entity, AccessAction action, long? pipelineId, string? stageId)
    {
        Permission? general = null, pipeline = null;
        foreach (var p in role.Permissions)
        {
            if (p.Entity != entity || p.Action != action) continue;
            if (p.PipelineId is null && p.StageId is null) general = p;
            else if (p.PipelineId == pipelineId && p.StageId is null) pipeline = p;
            else if (p.PipelineId == pipelineId && p.StageId == stageId && stageId is not null) return p.Scope;
        }
        return (pipeline ?? general)?.Scope ?? AccessScope.None;
    }
}
