using Crm.Grains.Access;
using Crm.Grains.Automation;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Settings;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Automation;

/// <summary>
/// The robot field catalogue of deals or leads (the one the robots grain checks against) with the
/// portal's items of its list fields: stages, lead statuses and sources, custom list items.
/// </summary>
public sealed class RobotFieldList(IGrainFactory grains, UserAccess access)
{
    public async Task<IReadOnlyList<RobotFieldInfo>> Of(RequestUser user, string? recordKind)
    {
        var kind = recordKind?.Trim().ToLowerInvariant() ?? "";
        if (!RobotFieldCatalogue.RecordKinds.Contains(kind))
            throw CrmException.Invalid("unknown_record_kind", "Robots work on deals and leads: kind=deal or kind=lead.", "kind");
        if (!(await access.Of(user)).MayEver(kind == "deal" ? AccessEntity.Deal : AccessEntity.Lead, AccessAction.Read))
            throw AccessChecks.Denied(AccessAction.Read, $"the {kind} fields robots use");
        var custom = await grains.GetGrain<ICustomFieldsGrain>(user.PortalId).Get(kind);
        var catalogue = RobotFieldCatalogue.For(kind, custom);
        var standardItems = await StandardItems(user.PortalId, kind);
        return catalogue.Fields.Select(f => new RobotFieldInfo(f.Code, f.Label, f.Kind, f.Writable, f.Required, f.Custom is not null,
            Enum.GetValues<ConditionOperator>().Where(op => RobotConditionRules.Fits(op, f.Kind)).ToList(),
            f.Kind == RobotFieldKind.List ? f.Custom?.Items ?? standardItems.GetValueOrDefault(f.Code) : null)).ToList();
    }

    /// <summary>Items of the standard list fields; a deal's stage is any pipeline's, named with its pipeline.</summary>
    private async Task<Dictionary<string, IReadOnlyList<ListItem>>> StandardItems(int portalId, string kind)
    {
        if (kind == "lead")
        {
            var lists = grains.GetGrain<ICrmListsGrain>(portalId);
            return new()
            {
                ["statusId"] = (await lists.GetLeadStatuses()).Select(s => new ListItem(s.Id, s.Name)).ToList(),
                ["sourceId"] = await lists.GetLeadSources(),
            };
        }
        var stages = new List<ListItem>();
        var pipelines = await grains.GetGrain<IPortalGrain>(portalId).GetPipelines();
        foreach (var summary in pipelines)
        {
            var pipeline = await grains.GetGrain<IPipelineGrain>(GrainKeys.For(portalId, summary.Id)).Get();
            stages.AddRange(pipeline.Stages.Select(s => new ListItem(s.Id, pipelines.Count > 1 ? $"{pipeline.Name}: {s.Name}" : s.Name)));
        }
        return new() { ["stageId"] = stages };
    }
}
