using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Bulk;

/// <summary>
/// Runs a bulk operation: every row goes through its record's service and grain (the user's rights and
/// the record's rules are checked as for a one-row change), a few rows at a time; a failed row is reported and the others go on.
/// </summary>
public sealed class BulkRunner(RecordServices records, BulkSelection selection, ReadableRowsOf readable, ILogger<BulkRunner> log)
{
    private const int Concurrency = 8;

    public async Task<BulkResult> Run(RequestUser me, string recordKind, BulkRequest request, IProgress<BulkProgress>? progress = null,
        CancellationToken ct = default)
    {
        BulkRowCommands.CheckRequest(request);
        var command = BulkRowCommands.For(records, me, recordKind, request);
        var ids = request.Ids is { Count: > 0 } given
            ? given.Count <= BulkSelection.MaxRows ? given.Distinct().ToList()
                : throw CrmException.Invalid("too_many_rows", $"A bulk operation can change at most {BulkSelection.MaxRows:N0} rows.", "ids")
            : await selection.Ids(me.PortalId, await readable.Of(me, recordKind), recordKind, request.Filter, request.Search);

        var result = await RunRows(ids, command, progress, ct);
        log.LogInformation("Bulk {Action} of {Count} {Kind} rows by user {UserId}: {Failed} failed", request.Action, ids.Count, recordKind, me.UserId, result.Failed);
        return result;
    }

    /// <summary>Sends the command for each row, a few at a time; a row's refusal is its result and the others go on.</summary>
    public static async Task<BulkResult> RunRows(IReadOnlyList<long> ids, Func<long, Task> command, IProgress<BulkProgress>? progress = null,
        CancellationToken ct = default)
    {
        var results = new BulkRowResult[ids.Count];
        int done = 0, failed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (i, _) =>
        {
            results[i] = await RunRow(command, ids[i]);
            if (!results[i].Ok) Interlocked.Increment(ref failed);
            progress?.Report(new BulkProgress(Interlocked.Increment(ref done), ids.Count, Volatile.Read(ref failed)));
        });
        return new BulkResult(ids.Count, ids.Count - failed, failed, results);
    }

    private static async Task<BulkRowResult> RunRow(Func<long, Task> command, long id)
    {
        try
        {
            await command(id);
            return new BulkRowResult(id, true);
        }
        catch (CrmException e)
        {
            return new BulkRowResult(id, false, e.Code, e.Message);
        }
    }
}
