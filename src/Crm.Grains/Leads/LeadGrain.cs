using Crm.Grains.Common;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Settings;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Leads;

/// <summary>
/// The single writer of one lead. Each command: check, change, persist; then project the row and
/// timeline entry to the read model, both carrying the new version.
/// </summary>
[GrainType("lead")]
public sealed class LeadGrain(
    [PersistentState("lead", StorageNames.Crm)] IPersistentState<LeadState> state,
    ILeadReadModel readModel,
    IUserDirectory users,
    TimeProvider clock,
    ILogger<LeadGrain> log) : Grain, ILeadGrain
{
    private ReadModelSync? _sync;

    private (int PortalId, long Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    private ICrmListsGrain Lists => GrainFactory.GetGrain<ICrmListsGrain>(Key.PortalId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A crash between persisting and projecting leaves the row behind the state: catch it up.
        if (state.State.Lead is { } lead && await readModel.GetVersion(lead.PortalId, lead.Id) < lead.Version)
            await Project();
    }

    public async Task<Lead> Create(LeadFields fields, string? statusId, int actorId)
    {
        if (state.State.Lead is not null)
            throw CrmException.Conflict("lead_exists", $"Lead {Key.Id} already exists.");
        var checkedFields = await Check(fields);
        var status = LeadStatusRules.ForNewLead(await Lists.GetLeadStatuses(), statusId);
        var now = clock.GetUtcNow();
        var lead = new Lead(Key.PortalId, Key.Id, status.Id, checkedFields, now, actorId, now, actorId, 1);
        await Commit(lead, new HistoryEntry(1, now, actorId, "created", LeadDiff.Initial(lead)), LeadChangeKind.Created, null);
        return lead;
    }

    public Task<Lead> Get() => Task.FromResult(Current);

    public async Task<Lead> Update(LeadFields fields, long? expectedVersion, int actorId)
    {
        var lead = Current;
        CheckVersion(lead, expectedVersion);
        var checkedFields = await Check(fields, lead.Fields.ResponsibleId);
        return await Apply(lead, lead with { Fields = checkedFields }, "updated", LeadChangeKind.Updated, actorId);
    }

    public async Task<Lead> SetStatus(string statusId, long? expectedVersion, int actorId)
    {
        var lead = Current;
        CheckVersion(lead, expectedVersion);
        var status = LeadStatusRules.ForChange(await Lists.GetLeadStatuses(), lead.StatusId, statusId);
        return await Apply(lead, lead with { StatusId = status.Id }, status.Semantic == LeadStatusSemantic.Junk ? "junked" : "status changed", LeadChangeKind.StatusChanged, actorId);
    }

    public async Task Delete(long? expectedVersion, int actorId)
    {
        var lead = Current;
        CheckVersion(lead, expectedVersion);
        var now = clock.GetUtcNow();
        var deleted = lead with { Version = lead.Version + 1, UpdatedAt = now, UpdatedBy = actorId };
        state.State.Deleted = true;
        await Commit(deleted, new HistoryEntry(deleted.Version, now, actorId, "deleted", []), LeadChangeKind.Deleted, lead.StatusId);
    }

    private Lead Current => state.State.Lead is { } lead && !state.State.Deleted
        ? lead
        : throw CrmException.NotFound("lead_not_found", state.State.Deleted ? $"Lead {Key.Id} was deleted." : $"Lead {Key.Id} does not exist.");

    private static void CheckVersion(Lead lead, long? expectedVersion) =>
        ReadModelSync.CheckVersion("Lead", lead.Id, lead.Version, expectedVersion);

    private async Task<LeadFields> Check(LeadFields fields, int? currentResponsible = null)
    {
        var checkedFields = LeadRules.Check(fields, await Lists.GetLeadSources());
        if (checkedFields.ResponsibleId != currentResponsible && !await users.IsActiveUser(Key.PortalId, checkedFields.ResponsibleId))
            throw CrmException.Invalid("unknown_responsible", $"User {checkedFields.ResponsibleId} is not an active user of this portal.", "responsibleId");
        return checkedFields;
    }

    private async Task<Lead> Apply(Lead before, Lead after, string action, LeadChangeKind kind, int actorId)
    {
        var changes = LeadDiff.Between(before, after);
        if (changes.Count == 0)
            return before;
        var now = clock.GetUtcNow();
        var next = after with { Version = before.Version + 1, UpdatedAt = now, UpdatedBy = actorId };
        await Commit(next, new HistoryEntry(next.Version, now, actorId, action, changes), kind, before.StatusId);
        return next;
    }

    private async Task Commit(Lead lead, HistoryEntry entry, LeadChangeKind kind, string? previousStatusId)
    {
        var previous = (state.State.Lead, state.State.LastEntry);
        state.State.Lead = lead;
        state.State.LastEntry = entry;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Lead, state.State.LastEntry) = previous;
            if (entry.Action == "deleted") state.State.Deleted = false;
            throw;
        }
        // The command has succeeded once the state is durable: a failed projection is retried and a
        // failed live event is logged; neither is reported to the caller.
        await Project();
        try
        {
            await GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.LeadBoard(lead.PortalId)).PublishLead(new LeadChanged(kind, lead, previousStatusId));
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Live event for lead {LeadId} v{Version} not published", lead.Id, lead.Version);
        }
    }

    private Task Project()
    {
        var lead = state.State.Lead!;
        _sync ??= new ReadModelSync(this, () => readModel.Project(state.State.Lead!, state.State.Deleted, state.State.LastEntry), log);
        return _sync.Run($"lead {lead.Id} v{lead.Version}");
    }
}
