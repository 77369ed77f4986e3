using Crm.Grains.Automation;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.CustomFields;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Stream;
using Crm.Grains.Stream;
using Crm.Grains.Outbox;
using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Deals;

/// <summary>
/// The single writer of one deal. Each command: check, change, persist; then project the row and
/// history entry to the read model and publish the live event, both carrying the new version.
/// </summary>
[GrainType("deal")]
public sealed partial class DealGrain(
    [PersistentState("deal", StorageNames.Crm)] IPersistentState<DealState> state,
    IDealReadModel readModel,
    IUserDirectory users,
    IOutbox outbox,
    INotificationStore notifications,
    RobotWakeQueue wakeQueue,
    TimeProvider clock,
    ILogger<DealGrain> log) : Grain, IDealGrain
{
    private ReadModelSync? _sync;

    // A move made by a trigger does not itself fire other deals' triggers: two triggers could otherwise move two deals back and forth for ever.
    private bool _movedByTrigger;

    private (int PortalId, long Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A crash between persisting and projecting leaves the row behind the state: catch it up.
        if (state.State.Deal is { } deal && await readModel.GetVersion(deal.PortalId, deal.Id) < deal.Version)
            await Project();
        Wake.StartTimer(RobotQueue.NextDue(Robots));
    }

    public async Task<Deal> Create(NewDeal request, int actorId)
    {
        if (state.State.Deal is not null)
            throw CrmException.Conflict("deal_exists", $"Deal {Key.Id} already exists.");
        var fields = await CheckCustom(DealRules.Check(request.Fields), request.Fields);
        await CheckResponsible(fields.ResponsibleId);
        await CheckLinks(fields, null);
        var pipeline = await GetPipeline(request.PipelineId);
        var stage = request.StageId is null ? pipeline.FirstStage : pipeline.FindStage(request.StageId) ?? throw Pipelines.StageRules.UnknownStageOfDeal(request.StageId);
        var now = clock.GetUtcNow();
        var deal = new Deal(Key.PortalId, Key.Id, pipeline.Id, pipeline.FirstStage.Id, fields.Title, fields.Amount, fields.Currency,
            fields.ResponsibleId, fields.BeginDate, fields.CloseDate, fields.Comments, request.Position ?? DealTransitions.TopPosition(now),
            false, now, actorId, now, actorId, 1, fields.CompanyId, fields.ContactIds, fields.Custom);
        if (stage.Id != deal.StageId)
            deal = DealTransitions.Move(deal, pipeline, stage.Id, request.Position, now);
        var robotNotes = await AdvanceRobots(null, deal, null, now);
        var entry = new HistoryEntry(1, now, actorId, "created", [.. DealDiff.Initial(deal), .. robotNotes]);
        await Commit(deal, entry, DealChangeKind.Created, before: null);
        return deal;
    }

    public Task<Deal> Get() => Task.FromResult(Current);

    private async Task<DealFields> CheckCustom(DealFields checkedFields, DealFields given) =>
        checkedFields with { Custom = await GrainFactory.CheckCustom(users, Key.PortalId, "deal", given.Custom) };

    public async Task<Deal> Update(DealFields fields, long? expectedVersion, int actorId)
    {
        var deal = Current;
        CheckVersion(deal, expectedVersion);
        var checkedFields = await CheckCustom(DealRules.Check(fields), fields);
        if (checkedFields.ResponsibleId != deal.ResponsibleId)
            await CheckResponsible(checkedFields.ResponsibleId);
        await CheckLinks(checkedFields, deal);
        return await Apply(deal, WithFields(deal, checkedFields), "updated", DealChangeKind.Updated, actorId);
    }

    private static Deal WithFields(Deal deal, DealFields fields) => deal with
    {
        Title = fields.Title,
        Amount = fields.Amount,
        Currency = fields.Currency,
        ResponsibleId = fields.ResponsibleId,
        BeginDate = fields.BeginDate,
        CloseDate = fields.CloseDate,
        Comments = fields.Comments,
        CompanyId = fields.CompanyId,
        ContactIds = fields.ContactIds,
        Custom = fields.Custom,
    };

    public async Task<Deal> Move(string stageId, double? position, long? expectedVersion, int actorId)
    {
        var deal = Current;
        CheckVersion(deal, expectedVersion);
        var pipeline = await GetPipeline(deal.PipelineId);
        var moved = DealTransitions.Move(deal, pipeline, stageId, position, clock.GetUtcNow());
        return await Apply(deal, moved, moved.StageId == deal.StageId ? "reordered" : "moved", DealChangeKind.Moved, actorId);
    }

    public async Task<Deal> Close(DealOutcome outcome, long? expectedVersion, int actorId)
    {
        var deal = Current;
        CheckVersion(deal, expectedVersion);
        var pipeline = await GetPipeline(deal.PipelineId);
        var closed = DealTransitions.Close(deal, pipeline, outcome, clock.GetUtcNow());
        return await Apply(deal, closed, outcome == DealOutcome.Won ? "won" : "lost", DealChangeKind.Moved, actorId);
    }

    public async Task<Deal> Reopen(string? stageId, long? expectedVersion, int actorId)
    {
        var deal = Current;
        CheckVersion(deal, expectedVersion);
        var pipeline = await GetPipeline(deal.PipelineId);
        var reopened = DealTransitions.Reopen(deal, pipeline, stageId, clock.GetUtcNow());
        return await Apply(deal, reopened, "reopened", DealChangeKind.Moved, actorId);
    }

    public async Task Delete(long? expectedVersion, int actorId)
    {
        var deal = Current;
        CheckVersion(deal, expectedVersion);
        var now = clock.GetUtcNow();
        var deleted = deal with { Version = deal.Version + 1, UpdatedAt = now, UpdatedBy = actorId };
        state.State.Deleted = true;
        // A deleted deal owes nothing: its robots go with it.
        state.State.Robots.Jobs.Clear();
        await Commit(deleted, new HistoryEntry(deleted.Version, now, actorId, "deleted", []), DealChangeKind.Deleted, deal);
    }

    public async Task RelocateFromDeletedStage(string fromStageId, string toStageId, int actorId)
    {
        if (state.State.Deal is not { } deal || state.State.Deleted || deal.StageId != fromStageId)
            return;
        var pipeline = await GetPipeline(deal.PipelineId);
        var moved = DealTransitions.Relocate(deal, pipeline, toStageId, clock.GetUtcNow());
        await Apply(deal, moved, "moved", DealChangeKind.Moved, actorId);
    }

    public async Task<TriggerResult> ApplyTrigger(TriggerHit hit)
    {
        var deal = Current;
        if (deal.IsClosed) return new TriggerResult(false, deal.StageId, "the deal is closed");
        var pipeline = await GetPipeline(deal.PipelineId);
        if (TriggerMoves.Refusal(pipeline.Stages.Select(s => s.Id).ToList(), deal.StageId, hit) is { } refusal)
            return new TriggerResult(false, deal.StageId, refusal);
        var moved = DealTransitions.Move(deal, pipeline, hit.StageId, null, clock.GetUtcNow());
        _movedByTrigger = true;
        try
        {
            await Apply(deal, moved, TimelineText.ByTrigger(hit), DealChangeKind.Moved, TimelineText.AutomationActor);
        }
        finally
        {
            _movedByTrigger = false;
        }
        return new TriggerResult(true, deal.StageId);
    }

    private Deal Current => state.State.Deal is { } deal && !state.State.Deleted
        ? deal
        : throw CrmException.NotFound("deal_not_found", state.State.Deleted ? $"Deal {Key.Id} was deleted." : $"Deal {Key.Id} does not exist.");

    private static void CheckVersion(Deal deal, long? expectedVersion) =>
        ReadModelSync.CheckVersion("Deal", deal.Id, deal.Version, expectedVersion);

    private Task CheckResponsible(int userId) => users.CheckActive(Key.PortalId, userId);

    /// <summary>New links must point at live records of the portal; links the deal already has may stay even if those records were deleted since.</summary>
    private async Task CheckLinks(DealFields fields, Deal? current)
    {
        if (fields.CompanyId is { } company && company != current?.CompanyId)
            await RecordLinks.CheckCompanies(GrainFactory, Key.PortalId, [company], "companyId");
        await RecordLinks.CheckContacts(GrainFactory, Key.PortalId, (fields.ContactIds ?? []).Except(current?.ContactIds ?? []), "contactIds");
    }

    private async Task<Pipeline> GetPipeline(long pipelineId)
    {
        try
        {
            return await GrainFactory.GetGrain<IPipelineGrain>(GrainKeys.For(Key.PortalId, pipelineId)).Get();
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
        {
            throw CrmException.Invalid("unknown_pipeline", $"Pipeline {pipelineId} does not exist.", "pipelineId");
        }
    }

    /// <summary>
    /// Stores <paramref name="after"/> as the next version. A change of stage cancels the robots still
    /// owed and schedules the new stage's; <paramref name="finished"/> is a robot job that ran (or was
    /// skipped) in this change, and <paramref name="note"/> what became of it.
    /// </summary>
    private async Task<Deal> Apply(Deal before, Deal after, string action, DealChangeKind kind, int actorId, RobotJob? finished = null, FieldChange? note = null)
    {
        var changes = DealDiff.Between(before, after);
        if (changes.Count == 0 && before.Position == after.Position && note is null)
            return before;
        var now = clock.GetUtcNow();
        var next = after with { Version = before.Version + 1, UpdatedAt = now, UpdatedBy = actorId };
        var robotNotes = await AdvanceRobots(before, next, finished, now);
        IReadOnlyList<FieldChange> all = [.. note is null ? [] : new[] { note }, .. changes, .. robotNotes];
        // Reordering inside a column is not worth a timeline line; it still gets a version.
        var entry = all.Count == 0 ? null : new HistoryEntry(next.Version, now, actorId, action, all);
        await Commit(next, entry, kind, before);
        return next;
    }

    private async Task Commit(Deal deal, HistoryEntry? entry, DealChangeKind kind, Deal? before)
    {
        var previous = (state.State.Deal, state.State.LastEntry);
        state.State.Deal = deal;
        state.State.LastEntry = entry;
        try
        {
            await Wake.Register(RobotQueue.NextDue(Robots));
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Deal, state.State.LastEntry) = previous;
            if (kind == DealChangeKind.Deleted) state.State.Deleted = false;
            // The robot queue may have changed in memory: read the stored state again on the next call.
            DeactivateOnIdle();
            throw;
        }

        // The command has succeeded once the state is durable: projection and publication failures
        // are logged and repaired (retry timer, re-projection on activation), not reported.
        await Project();
        try
        {
            await GrainFactory.GetGrain<IBoardFeedGrain>(GrainKeys.For(deal.PortalId, deal.PipelineId))
                .PublishDeal(new DealChanged(kind, deal, before?.StageId, before?.ResponsibleId));
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Live event for deal {DealId} v{Version} not published", deal.Id, deal.Version);
        }
        if (before is not null && before.StageId != deal.StageId && kind != DealChangeKind.Deleted)
            await AnnounceStage(deal);
        if (kind != DealChangeKind.Deleted) await TellStream(before, deal);
        await SettleWakeUp();
    }

    /// <summary>A deal won, lost or large goes into the activity stream (sent one way: the deal does not wait for it).</summary>
    private async Task TellStream(Deal? before, Deal deal)
    {
        if (before is not null && (before.IsClosed || !deal.IsClosed)) return;
        try
        {
            var large = before is null ? (await GrainFactory.GetGrain<IStreamSettingsGrain>(deal.PortalId).Get()).LargeDealAmount : null;
            if (before is null && large is null) return;
            if (StreamEventRules.ForDeal(before, deal, await GetPipeline(deal.PipelineId), large) is { } streamEvent)
                await GrainFactory.GetGrain<IStreamEventsGrain>(deal.PortalId).Tell(streamEvent, deal.UpdatedBy);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Deal {DealId} v{Version} not told in the stream", deal.Id, deal.Version);
        }
    }

    /// <summary>Other deals of the same client may have triggers waiting for this stage (sent without waiting: see TriggerEvents).</summary>
    private async Task AnnounceStage(Deal deal)
    {
        if (_movedByTrigger || (deal.ContactIds is not { Count: > 0 } && deal.CompanyId is null)) return;
        try
        {
            await TriggerEvents.QueueDealReachedStage(GrainFactory, deal.PortalId, deal.Id, deal.StageId);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Stage event of deal {DealId} v{Version} not sent to triggers", deal.Id, deal.Version);
        }
    }

    private Task Project()
    {
        var deal = state.State.Deal!;
        _sync ??= new ReadModelSync(this, () => readModel.Project(state.State.Deal!, state.State.Deleted, state.State.LastEntry), log);
        return _sync.Run($"deal {deal.Id} v{deal.Version}");
    }
}
