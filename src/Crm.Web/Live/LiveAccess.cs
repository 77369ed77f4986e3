using Crm.Grains.Access;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Live;

namespace Crm.Web.Live;

/// <summary>
/// The per-watcher filter of the live path: what an event becomes for a user. A record the user may
/// see after the change arrives as it is; one the user could see before but not after (moved to a
/// stage, or handed to a responsible, out of the user's reach) arrives as removed, so its card leaves
/// the board; any other arrives not at all (null).
/// </summary>
public static class LiveAccess
{
    public static DealChanged? Shape(AccessProfile? profile, DealChanged change)
    {
        if (profile is null) return change;
        var deal = change.Deal;
        if (profile.Allows(AccessEntity.Deal, AccessAction.Read, deal.ResponsibleId, deal.PipelineId, deal.StageId)) return change;
        var (stage, responsible) = (change.PreviousStageId ?? deal.StageId, change.PreviousResponsibleId ?? deal.ResponsibleId);
        var sawBefore = change.Kind != DealChangeKind.Created && profile.Allows(AccessEntity.Deal, AccessAction.Read, responsible, deal.PipelineId, stage);
        return sawBefore ? change with { Kind = DealChangeKind.Deleted, Deal = deal with { StageId = stage, ResponsibleId = responsible } } : null;
    }

    public static LeadChanged? Shape(AccessProfile? profile, LeadChanged change)
    {
        if (profile is null) return change;
        var lead = change.Lead;
        if (profile.Allows(AccessEntity.Lead, AccessAction.Read, lead.Fields.ResponsibleId, stageId: lead.StatusId)) return change;
        var (status, responsible) = (change.PreviousStatusId ?? lead.StatusId, change.PreviousResponsibleId ?? lead.Fields.ResponsibleId);
        var sawBefore = change.Kind != LeadChangeKind.Created && profile.Allows(AccessEntity.Lead, AccessAction.Read, responsible, stageId: status);
        return sawBefore
            ? change with { Kind = LeadChangeKind.Deleted, Lead = lead with { StatusId = status, Fields = lead.Fields with { ResponsibleId = responsible } } }
            : null;
    }

    public static RecordChanged? Shape(AccessProfile? profile, RecordChanged change)
    {
        if (profile is null) return change;
        var entity = change.Kind == "contacts" ? AccessEntity.Contact : AccessEntity.Company;
        if (profile.Allows(entity, AccessAction.Read, change.ResponsibleId)) return change;
        var sawBefore = change.PreviousResponsibleId is { } before && profile.Allows(entity, AccessAction.Read, before);
        return sawBefore ? change with { Deleted = true, ResponsibleId = change.PreviousResponsibleId!.Value } : null;
    }
}
