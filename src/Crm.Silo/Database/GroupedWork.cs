using Npgsql;

namespace Crm.Silo.Database;

/// <summary>
/// One caller's part of a <see cref="GroupedBatches"/> group: the commands it adds and, when they
/// return rows, how it reads its results. It may be written twice (alone, after its group failed),
/// so it adds fresh commands each time: an Npgsql parameter belongs to one batch.
/// </summary>
public abstract class GroupedWork
{
    internal TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Adds this work's commands; <paramref name="again"/> says an earlier batch already holds its parameters.</summary>
    public abstract void AddTo(NpgsqlBatch batch, bool again);

    /// <summary>
    /// Reads one result set per command that returns rows (a SELECT, or RETURNING), in order, moving to
    /// the next result set after each; commands returning no rows have no result set.
    /// </summary>
    public virtual Task ReadResults(NpgsqlDataReader reader) => Task.CompletedTask;
}
