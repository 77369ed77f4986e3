using Crm.Silo.Database;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Silo.ReadModel;

/// <summary>One statement of a projection: its SQL and its parameters.</summary>
public sealed record ProjectionStatement(string Sql, params NpgsqlParameter[] Parameters);

/// <summary>
/// Writes the read-model changes of all grains of this silo with group commit (<see cref="GroupedBatches"/>):
/// each caller's statements commit together, with other grains' changes, in one transaction.
/// </summary>
public sealed class ProjectionWriter(NpgsqlDataSource db, ILogger<ProjectionWriter> log) : IAsyncDisposable
{
    private readonly GroupedBatches _groups = new(db, log, "read-model changes");

    /// <summary>Writes the statements in one transaction, with other grains' changes; completes once they are committed.</summary>
    public Task Write(params ProjectionStatement[] statements) => _groups.Run(new Change(statements));

    public ValueTask DisposeAsync() => _groups.DisposeAsync();

    private sealed class Change(ProjectionStatement[] statements) : GroupedWork
    {
        public override void AddTo(NpgsqlBatch batch, bool again)
        {
            foreach (var statement in statements)
            {
                var command = new NpgsqlBatchCommand(statement.Sql);
                foreach (var parameter in statement.Parameters) command.Parameters.Add(again ? parameter.Clone() : parameter);
                batch.BatchCommands.Add(command);
            }
        }
    }
}
