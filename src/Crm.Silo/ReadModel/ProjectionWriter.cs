using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Silo.ReadModel;

/// <summary>One statement of a projection: its SQL and its parameters.</summary>
public sealed record ProjectionStatement(string Sql, params NpgsqlParameter[] Parameters);

/// <summary>
/// Writes the read-model changes of all grains of this silo with group commit: the changes that
/// arrive while a write is in flight go together in the next one (one round trip, one transaction).
/// Under load this turns many small transactions into few larger ones; alone, a change is written
/// at once. Each caller's statements still commit together, and a group that fails is written again
/// change by change, so one bad change fails only its own caller.
/// </summary>
public sealed class ProjectionWriter : IAsyncDisposable
{
    /// <summary>Enough to cut commits by an order of magnitude, small enough to keep a group's latency low.</summary>
    private const int MaxChangesPerGroup = 64;

    /// <summary>Two groups in flight: one transaction being written while the next is being prepared and sent.</summary>
    private const int Writers = 2;

    private readonly NpgsqlDataSource _db;
    private readonly ILogger<ProjectionWriter> _log;
    private readonly Channel<Change> _queue = Channel.CreateUnbounded<Change>();
    private readonly Task[] _writers;

    public ProjectionWriter(NpgsqlDataSource db, ILogger<ProjectionWriter> log)
    {
        (_db, _log) = (db, log);
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteGroups)).ToArray();
    }

    /// <summary>Writes the statements in one transaction, with other grains' changes; completes once they are committed.</summary>
    public Task Write(params ProjectionStatement[] statements)
    {
        var change = new Change(statements, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(change)
            ? change.Done.Task
            : Task.FromException(new ObjectDisposedException(nameof(ProjectionWriter), "The silo is stopping; the change is projected when its grain is next activated."));
    }

    private async Task WriteGroups()
    {
        var group = new List<Change>(MaxChangesPerGroup);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxChangesPerGroup && _queue.Reader.TryRead(out var change)) group.Add(change);
            if (group.Count > 0) await WriteGroup(group);
            group.Clear();
        }
    }

    private async Task WriteGroup(List<Change> group)
    {
        try
        {
            await Execute(group.SelectMany(c => c.Statements));
            foreach (var change in group) change.Done.SetResult();
        }
        catch (Exception e) when (group.Count > 1)
        {
            _log.LogWarning(e, "A group of {Count} read-model changes failed; writing them one by one", group.Count);
            foreach (var change in group) await WriteAlone(change);
        }
        catch (Exception e)
        {
            group[0].Done.SetException(e);
        }
    }

    private async Task WriteAlone(Change change)
    {
        try
        {
            // A parameter belongs to one batch: the failed group's batch keeps the originals.
            await Execute(change.Statements.Select(s => s with { Parameters = s.Parameters.Select(p => p.Clone()).ToArray() }));
            change.Done.SetResult();
        }
        catch (Exception e)
        {
            change.Done.SetException(e);
        }
    }

    private async Task Execute(IEnumerable<ProjectionStatement> statements)
    {
        await using var batch = _db.CreateBatch();
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            foreach (var parameter in statement.Parameters) command.Parameters.Add(parameter);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record Change(ProjectionStatement[] Statements, TaskCompletionSource Done);
}
