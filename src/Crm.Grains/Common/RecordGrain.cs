using Crm.Grains.ReadModel;
using Microsoft.Extensions.Logging;

namespace Crm.Grains.Common;

/// <summary>
/// What every record grain (lead, contact, company) does the same way: it is the single writer of
/// one record, key "{portal}/{id}". A command checks, changes and persists the record with its next
/// version; then the row and timeline entry go to the read model (retried until they do) and the
/// live event is published. Subclasses hold the record's own rules.
/// </summary>
public abstract class RecordGrain<TRecord, TState>(
    IPersistentState<TState> state,
    IRecordReadModel<TRecord> readModel,
    TimeProvider clock,
    ILogger log) : Grain where TRecord : class, IRecord where TState : RecordState<TRecord>, new()
{
    private ReadModelSync? _sync;

    /// <summary>"Lead", "Contact": used in messages and error codes.</summary>
    protected abstract string Kind { get; }

    /// <summary>The record as changed by <paramref name="actorId"/> at <paramref name="at"/>, with the given version.</summary>
    protected abstract TRecord Stamp(TRecord record, long version, DateTimeOffset at, int actorId);

    /// <summary>The timeline's field changes between two versions (none: nothing to store).</summary>
    protected abstract IReadOnlyList<FieldChange> Diff(TRecord? before, TRecord after);

    /// <summary>Publishes the live event of a stored change; failures are logged, not reported.</summary>
    protected virtual Task Publish(TRecord record, TRecord? before, bool deleted) => Task.CompletedTask;

    /// <summary>
    /// Called with the next version before it is stored, to change the subclass's own state in the
    /// same write (e.g. its robot queue); returns extra timeline lines for the version's entry.
    /// </summary>
    protected virtual Task<IReadOnlyList<FieldChange>> BeforeStore(TRecord? before, TRecord after, bool deleted) =>
        Task.FromResult<IReadOnlyList<FieldChange>>([]);

    /// <summary>Called just before the state is written, and after a stored change has been projected and published.</summary>
    protected virtual Task BeforeWrite() => Task.CompletedTask;

    /// <inheritdoc cref="BeforeWrite"/>
    protected virtual Task AfterStored() => Task.CompletedTask;

    protected (int PortalId, long Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    protected TimeProvider Clock => clock;

    protected DateTimeOffset Now => clock.GetUtcNow();

    protected TRecord Current => state.State.Record is { } record && !state.State.Deleted
        ? record
        : throw CrmException.NotFound($"{Kind.ToLowerInvariant()}_not_found",
            state.State.Deleted ? $"{Kind} {Key.Id} was deleted." : $"{Kind} {Key.Id} does not exist.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A crash between persisting and projecting leaves the row behind the state: catch it up.
        if (state.State.Record is { } record && await readModel.GetVersion(record.PortalId, record.Id) < record.Version)
            await Project();
    }

    protected void CheckVersion(long? expectedVersion) =>
        ReadModelSync.CheckVersion(Kind, Current.Id, Current.Version, expectedVersion);

    /// <summary>Stores a new record as version 1.</summary>
    protected async Task<TRecord> CommitNew(TRecord record, int actorId)
    {
        if (state.State.Record is not null)
            throw CrmException.Conflict($"{Kind.ToLowerInvariant()}_exists", $"{Kind} {Key.Id} already exists.");
        var created = Stamp(record, 1, Now, actorId);
        var extra = await BeforeStore(null, created, false);
        await Commit(created, null, new HistoryEntry(1, Now, actorId, "created", [.. Diff(null, created), .. extra]), deleted: false);
        return created;
    }

    /// <summary>Stores a change as the next version, unless it changes nothing (then the record is returned as it is).</summary>
    protected async Task<TRecord> Apply(TRecord before, TRecord after, string action, int actorId, FieldChange? note = null)
    {
        var changes = note is null ? Diff(before, after) : [note, .. Diff(before, after)];
        if (changes.Count == 0) return before;
        var now = Now;
        var next = Stamp(after, before.Version + 1, now, actorId);
        var extra = await BeforeStore(before, next, false);
        await Commit(next, before, new HistoryEntry(next.Version, now, actorId, action, [.. changes, .. extra]), deleted: false);
        return next;
    }

    protected async Task DeleteCurrent(long? expectedVersion, int actorId, string action = "deleted", FieldChange? note = null)
    {
        var record = Current;
        CheckVersion(expectedVersion);
        var now = Now;
        var deleted = Stamp(record, record.Version + 1, now, actorId);
        var extra = await BeforeStore(record, deleted, true);
        await Commit(deleted, record, new HistoryEntry(deleted.Version, now, actorId, action, [.. note is null ? [] : new[] { note }, .. extra]), deleted: true);
    }

    /// <summary>
    /// Takes a duplicate's values into this record (the "merged" timeline entry names it, so the
    /// timeline also shows the duplicate's history); the caller then deletes the duplicate with <see cref="DeleteAsMerged"/>.
    /// </summary>
    protected async Task<TRecord> MergeCurrent(TRecord merged, long sourceId, int actorId)
    {
        if (sourceId == Key.Id)
            throw CrmException.Invalid("merge_same_record", "A record cannot be merged with itself.", "mergeId");
        return await Apply(Current, merged, "merged", actorId, new FieldChange(MergedFrom, null, sourceId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Deletes this record as merged into another one (its timeline entry says into which).</summary>
    protected Task DeleteAsMerged(long intoId, int actorId) =>
        DeleteCurrent(null, actorId, "merged into", new FieldChange("mergedInto", null, intoId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The timeline field naming a record merged into this one (read by the timeline query).</summary>
    public const string MergedFrom = "mergedFrom";

    private async Task Commit(TRecord record, TRecord? before, HistoryEntry entry, bool deleted)
    {
        var previous = (state.State.Record, state.State.LastEntry, state.State.Deleted);
        (state.State.Record, state.State.LastEntry, state.State.Deleted) = (record, entry, deleted);
        try
        {
            await BeforeWrite();
            await state.WriteStateAsync();
        }
        catch
        {
            (state.State.Record, state.State.LastEntry, state.State.Deleted) = previous;
            // A subclass may have changed more of its state (BeforeStore): read the stored state again on the next call.
            DeactivateOnIdle();
            throw;
        }
        // The command has succeeded once the state is durable: a failed projection is retried and a
        // failed live event is logged; neither is reported to the caller.
        await Project();
        try
        {
            await Publish(record, before, deleted);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Live event for {Kind} {Id} v{Version} not published", Kind, record.Id, record.Version);
        }
        await AfterStored();
    }

    private Task Project()
    {
        var record = state.State.Record!;
        _sync ??= new ReadModelSync(this, () => readModel.Project(state.State.Record!, state.State.Deleted, state.State.LastEntry), log);
        return _sync.Run($"{Kind} {record.Id} v{record.Version}");
    }
}
