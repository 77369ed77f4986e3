using Crm.Web.Api;

namespace Crm.Web.Import;

/// <summary>Where an import job is: checking its rows, writing them, or ended (how).</summary>
public enum ImportState
{
    Checking,
    Importing,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>An import job's counts as polled; <see cref="StoppedAtRow"/> is the first row a cancelled or failed job did not import.</summary>
public sealed record ImportProgress(Guid Id, ImportKind Kind, DuplicateMode Duplicates, string FileName, ImportState State, int Total, int Done,
    int Created, int Merged, int Skipped, int Failed, int NotImported, int? StoppedAtRow, string Message, DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public bool Ended => State is ImportState.Completed or ImportState.Cancelled or ImportState.Failed;
}

/// <summary>A job's progress and a page of its row results (in file order).</summary>
public sealed record ImportJobReport(ImportProgress Progress, IReadOnlyList<RowResult> Rows, int RowsTotal);

/// <summary>
/// One running or ended import: counts updated by the writers as rows are done (any thread), one
/// result per row, and the cancellation the writers check before each row. Rows without a result
/// when the job ends were not imported.
/// </summary>
public sealed class ImportJob
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly RowResult?[] _results;
    private readonly IReadOnlyList<int> _lines;
    private int _done, _created, _merged, _skipped, _failed, _notImported;
    private volatile ImportState _state = ImportState.Checking;
    private string? _failure;

    public ImportJob(RequestUser owner, ImportKind kind, DuplicateMode mode, string fileName, IReadOnlyList<int> lines, DateTimeOffset startedAt)
    {
        (Owner, Kind, Mode, FileName, _lines, StartedAt) = (owner, kind, mode, fileName, lines, startedAt);
        _results = new RowResult?[lines.Count];
    }

    public Guid Id { get; } = Guid.NewGuid();
    public RequestUser Owner { get; }
    public ImportKind Kind { get; }
    public DuplicateMode Mode { get; }
    public string FileName { get; }
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public ImportState State => _state;
    public bool Ended => _state is ImportState.Completed or ImportState.Cancelled or ImportState.Failed;

    /// <summary>Signalled by <see cref="Cancel"/>: the writers take no new row once it is.</summary>
    public CancellationToken Cancellation => _cancel.Token;

    /// <summary>Asks the job to stop before its next rows; rows being written finish, and stay written.</summary>
    public void Cancel()
    {
        if (!Ended) _cancel.Cancel();
    }

    internal void Importing() => _state = ImportState.Importing;

    /// <summary>Records what became of row <paramref name="index"/> (an index into the file's rows).</summary>
    internal void Report(int index, RowResult result)
    {
        _results[index] = result;
        switch (result.Outcome)
        {
            case RowOutcome.Created: Interlocked.Increment(ref _created); break;
            case RowOutcome.Merged: Interlocked.Increment(ref _merged); break;
            case RowOutcome.Skipped: Interlocked.Increment(ref _skipped); break;
            case RowOutcome.NotImported: Interlocked.Increment(ref _notImported); return;
            default: Interlocked.Increment(ref _failed); break;
        }
        Interlocked.Increment(ref _done);
    }

    /// <summary>Ends the job; rows it never reached are reported as not imported.</summary>
    internal void Finish(DateTimeOffset at, Exception? failure = null)
    {
        for (var i = 0; i < _results.Length; i++)
            if (_results[i] is null)
                Report(i, new RowResult(_lines[i], RowOutcome.NotImported,
                    failure is null ? "not imported: the import was cancelled before this row" : "not imported: the import stopped before this row"));
        _failure = failure?.Message;
        FinishedAt = at;
        _state = failure is not null ? ImportState.Failed : _cancel.IsCancellationRequested ? ImportState.Cancelled : ImportState.Completed;
    }

    public ImportProgress Progress()
    {
        var state = _state;
        var stoppedAt = state is ImportState.Cancelled or ImportState.Failed
            ? _results.Where(r => r?.Outcome == RowOutcome.NotImported).Select(r => (int?)r!.Row).Min()
            : null;
        return new ImportProgress(Id, Kind, Mode, FileName, state, _results.Length, _done, _created, _merged, _skipped, _failed, _notImported,
            stoppedAt, Message(state, stoppedAt), StartedAt, FinishedAt);
    }

    /// <summary>The results so far in file order, of one outcome or all.</summary>
    public (IReadOnlyList<RowResult> Rows, int Total) Results(RowOutcome? outcome, int offset, int limit)
    {
        // Polled while a large job runs: one pass, keeping only the page.
        var page = new List<RowResult>(Math.Min(limit, 1_000));
        var total = 0;
        foreach (var result in _results)
        {
            if (result is null || (outcome is not null && result.Outcome != outcome)) continue;
            if (total >= offset && page.Count < limit) page.Add(result);
            total++;
        }
        return (page, total);
    }

    private string Message(ImportState state, int? stoppedAt) => state switch
    {
        ImportState.Checking => $"Checking {_results.Length:N0} rows.",
        ImportState.Importing => $"{_done:N0} of {_results.Length:N0} rows done.",
        ImportState.Completed => $"Done: {Counts()}.",
        ImportState.Cancelled => $"Cancelled after {_done:N0} of {_results.Length:N0} rows ({Counts()}); "
            + (stoppedAt is { } row ? $"{_notImported:N0} rows were not imported, the first of them row {row}." : "every row had been done."),
        _ => $"Stopped by an error ({_failure}) after {_done:N0} of {_results.Length:N0} rows ({Counts()}); rows already written stay.",
    };

    private string Counts() => $"{_created:N0} created, {_merged:N0} merged, {_skipped:N0} skipped, {_failed:N0} failed";
}
