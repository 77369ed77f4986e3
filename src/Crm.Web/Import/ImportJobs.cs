using System.Collections.Concurrent;
using Crm.Web.Api;

namespace Crm.Web.Import;

/// <summary>
/// The import jobs of this web node, in memory. A job runs in the background of the node that
/// started it and is followed there (by its page, or by API calls that reach that node: the load
/// balancer's sticky sessions keep a user on one node). A job dies with its node: the rows it wrote
/// stay, the others are not imported, and its report is lost. Ended jobs are kept for an hour;
/// each user runs one import at a time.
/// </summary>
public sealed class ImportJobs(TimeProvider clock, ILogger<ImportJobs> log) : IHostedService
{
    public static readonly TimeSpan KeepEnded = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, (ImportJob Job, Task Work)> _jobs = new();
    private readonly Lock _starting = new();

    /// <summary>Registers a job and runs <paramref name="work"/> for it in the background.</summary>
    public ImportJob Start(RequestUser owner, ImportKind kind, DuplicateMode mode, string fileName, IReadOnlyList<int> lines,
        Func<ImportJob, CancellationToken, Task> work)
    {
        Purge();
        lock (_starting)
        {
            if (_jobs.Values.Select(e => e.Job).FirstOrDefault(j => j.Owner == owner && !j.Ended) is { } running)
                throw CrmException.Conflict("import_running",
                    $"Your import of '{running.FileName}' is still running ({running.Progress().Message}); wait for it or cancel it first.");
            var job = new ImportJob(owner, kind, mode, fileName, lines, clock.GetUtcNow());
            _jobs[job.Id] = (job, Task.Run(() => Run(job, work)));
            return job;
        }
    }

    /// <summary>A job of the user; another user's (or portal's) job is not found.</summary>
    public ImportJob Get(RequestUser user, Guid id) =>
        _jobs.TryGetValue(id, out var entry) && entry.Job.Owner == user
            ? entry.Job
            : throw CrmException.NotFound("import_not_found",
                $"No import {id} of yours is known to this server: imports are kept for {KeepEnded.TotalHours:0} hour after they end, and end with the server.");

    /// <summary>The user's jobs, newest first.</summary>
    public IReadOnlyList<ImportJob> Of(RequestUser user)
    {
        Purge();
        return _jobs.Values.Select(e => e.Job).Where(j => j.Owner == user).OrderByDescending(j => j.StartedAt).ToList();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The node stops: running jobs stop before their next rows.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var (job, _) in _jobs.Values) job.Cancel();
        try
        {
            await Task.WhenAll(_jobs.Values.Select(e => e.Work)).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout passed: the rows being written finish or fail on their own.
        }
    }

    private async Task Run(ImportJob job, Func<ImportJob, CancellationToken, Task> work)
    {
        try
        {
            await work(job, job.Cancellation);
            job.Finish(clock.GetUtcNow());
        }
        catch (OperationCanceledException) when (job.Cancellation.IsCancellationRequested)
        {
            job.Finish(clock.GetUtcNow());
        }
        catch (Exception e)
        {
            log.LogError(e, "Import {JobId} of {Kind} failed", job.Id, job.Kind);
            job.Finish(clock.GetUtcNow(), e);
        }
    }

    private void Purge()
    {
        var before = clock.GetUtcNow() - KeepEnded;
        foreach (var (id, (job, _)) in _jobs)
            if (job.Ended && job.FinishedAt < before) _jobs.TryRemove(id, out _);
    }
}
