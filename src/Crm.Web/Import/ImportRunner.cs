using Crm.Web.Api;

namespace Crm.Web.Import;

/// <summary>
/// Writes the checked rows of a plan through the records' grains, a bounded number of groups at a
/// time (rows of one group in file order), and reports each row to the job. A row that fails is
/// reported and the others go on; a cancelled job takes no new row.
/// </summary>
public sealed class ImportRunner<T>(RecordImport<T> import, ImportPlan<T> plan, ImportJob job, IGrainFactory grains, ImportContext context,
    ColumnMapping mapping, int concurrency) where T : class
{
    /// <summary>The record each done row created, merged into or was skipped for: what a later duplicate of it refers to.</summary>
    private readonly long?[] _recordOf = new long?[plan.Rows.Count];

    /// <summary>Ids for the rows expected to create a record (more are reserved if duplicates' originals fail).</summary>
    private readonly ImportIds _ids = import.Ids(grains, context.User,
        plan.Rows.Count(r => r.Record is not null && (r.Duplicate is null || job.Mode == DuplicateMode.Create)));

    public async Task Run(CancellationToken ct)
    {
        job.Importing();
        for (var i = 0; i < plan.Rows.Count; i++)
            if (plan.Rows[i].Error is { } error)
                job.Report(i, RowResult.Failed(plan.Rows[i].Row, error));

        var groups = plan.Groups.Where(g => g.Any(i => plan.Rows[i].Record is not null));
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (group, _) =>
        {
            foreach (var i in group)
            {
                if (ct.IsCancellationRequested) return; // the job reports the rows it never reached
                if (plan.Rows[i].Record is not null) job.Report(i, await Write(i, plan.Rows[i]));
            }
        });
    }

    private async Task<RowResult> Write(int index, PlannedRow<T> row)
    {
        var record = row.Record!;
        var duplicate = row.Duplicate;
        // A duplicate of an earlier row refers to whatever that row became (nothing if it failed).
        if (row.Original is { } original)
            duplicate = _recordOf[original] is { } id ? duplicate! with { RecordId = id } : null;
        try
        {
            if (duplicate?.RecordId is { } target && job.Mode == DuplicateMode.Skip)
            {
                _recordOf[index] = target;
                return new RowResult(row.Row, RowOutcome.Skipped, $"skipped: duplicate of {duplicate.Describe()}", target, Duplicate: duplicate);
            }
            if (duplicate?.RecordId is { } into && job.Mode == DuplicateMode.Merge)
            {
                await import.Merge(grains, context.User, context.Access, into, record);
                _recordOf[index] = into;
                return new RowResult(row.Row, RowOutcome.Merged, $"merged into {duplicate.Describe()}", into, Duplicate: duplicate);
            }
            var created = await _ids.Next();
            await import.Create(grains, context.User, created, record);
            _recordOf[index] = created;
            return duplicate is null
                ? new RowResult(row.Row, RowOutcome.Created, $"created #{created}", created)
                : new RowResult(row.Row, RowOutcome.Created, $"created #{created}; possible duplicate of {duplicate.Describe()}", created, Duplicate: duplicate);
        }
        catch (CrmException e)
        {
            return RowResult.Failed(row.Row, new RowError(e.Code, e.Message, e.Field is null ? null : mapping.ColumnOf(e.Field)));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return RowResult.Failed(row.Row, new RowError("write_failed", $"The record could not be written ({e.GetType().Name}: {e.Message}); try this row again."));
        }
    }
}
