using Crm.Grains.Common;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Leads;

/// <summary>The single writer of one lead: its field and status rules; the rest is <see cref="RecordGrain{TRecord}"/>.</summary>
[GrainType("lead")]
public sealed class LeadGrain(
    [PersistentState("lead", StorageNames.Crm)] IPersistentState<RecordState<Lead>> state,
    ILeadReadModel readModel,
    IUserDirectory users,
    TimeProvider clock,
    ILogger<LeadGrain> log) : RecordGrain<Lead>(state, readModel, clock, log), ILeadGrain
{
    protected override string Kind => "Lead";

    private ICrmListsGrain Lists => GrainFactory.GetGrain<ICrmListsGrain>(Key.PortalId);

    public async Task<Lead> Create(LeadFields fields, string? statusId, int actorId)
    {
        var checkedFields = await Check(fields);
        var status = LeadStatusRules.ForNewLead(await Lists.GetLeadStatuses(), statusId);
        return await CommitNew(new Lead(Key.PortalId, Key.Id, status.Id, checkedFields, default, 0, default, 0, 0), actorId);
    }

    public Task<Lead> Get() => Task.FromResult(Current);

    public async Task<Lead> Update(LeadFields fields, long? expectedVersion, int actorId)
    {
        var lead = Current;
        CheckVersion(expectedVersion);
        var checkedFields = await Check(fields, lead.Fields.ResponsibleId);
        return await Apply(lead, lead with { Fields = checkedFields }, "updated", actorId);
    }

    public async Task<Lead> SetStatus(string statusId, long? expectedVersion, int actorId)
    {
        var lead = Current;
        CheckVersion(expectedVersion);
        var status = LeadStatusRules.ForChange(await Lists.GetLeadStatuses(), lead.StatusId, statusId);
        return await Apply(lead, lead with { StatusId = status.Id }, status.Semantic == LeadStatusSemantic.Junk ? "junked" : "status changed", actorId);
    }

    public Task Delete(long? expectedVersion, int actorId) => DeleteCurrent(expectedVersion, actorId);

    protected override Lead Stamp(Lead lead, long version, DateTimeOffset at, int actorId) => version == 1
        ? lead with { Version = 1, CreatedAt = at, CreatedBy = actorId, UpdatedAt = at, UpdatedBy = actorId }
        : lead with { Version = version, UpdatedAt = at, UpdatedBy = actorId };

    protected override IReadOnlyList<FieldChange> Diff(Lead? before, Lead after) =>
        before is null ? LeadDiff.Initial(after) : LeadDiff.Between(before, after);

    protected override Task Publish(Lead lead, Lead? before, bool deleted)
    {
        var kind = deleted ? LeadChangeKind.Deleted
            : before is null ? LeadChangeKind.Created
            : before.StatusId != lead.StatusId ? LeadChangeKind.StatusChanged
            : LeadChangeKind.Updated;
        return GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.LeadBoard(lead.PortalId)).PublishLead(new LeadChanged(kind, lead, before?.StatusId));
    }

    private async Task<LeadFields> Check(LeadFields fields, int? currentResponsible = null)
    {
        var checkedFields = LeadRules.Check(fields, await Lists.GetLeadSources());
        if (checkedFields.ResponsibleId != currentResponsible)
            await users.CheckActive(Key.PortalId, checkedFields.ResponsibleId);
        return checkedFields;
    }
}
