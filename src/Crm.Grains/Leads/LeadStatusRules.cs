using Crm.Grains.Interfaces.Settings;

namespace Crm.Grains.Leads;

/// <summary>Which status a lead may be put in: conversion is its own command, and a converted lead stays converted.</summary>
public static class LeadStatusRules
{
    public static LeadStatus ForNewLead(IReadOnlyList<LeadStatus> statuses, string? statusId)
    {
        if (statusId is null) return statuses[0];
        var status = Find(statuses, statusId);
        return status.Semantic == LeadStatusSemantic.InProgress
            ? status
            : throw CrmException.Invalid("status_not_allowed", $"A new lead starts in an in-progress status, not '{status.Name}'.", "statusId");
    }

    public static LeadStatus ForChange(IReadOnlyList<LeadStatus> statuses, string currentStatusId, string statusId)
    {
        var status = Find(statuses, statusId);
        if (statuses.FirstOrDefault(s => s.Id == currentStatusId)?.Semantic == LeadStatusSemantic.Converted)
            throw CrmException.Conflict("lead_converted", "The lead has been converted; its status can no longer change.");
        if (status.Semantic == LeadStatusSemantic.Converted)
            throw CrmException.Invalid("convert_instead", $"'{status.Name}' is reached by converting the lead, not by setting its status.", "statusId");
        return status;
    }

    private static LeadStatus Find(IReadOnlyList<LeadStatus> statuses, string statusId) =>
        statuses.FirstOrDefault(s => s.Id == statusId)
        ?? throw CrmException.Invalid("unknown_status", $"'{statusId}' is not a lead status of this portal; use one of {string.Join(", ", statuses.Select(s => s.Id))}.", "statusId");
}
