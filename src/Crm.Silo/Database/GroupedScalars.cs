using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Silo.Database;

/// <summary>
/// One-row statements of many grains (a version check on activation, a user's name, an outbox insert
/// with RETURNING) sent together (<see cref="GroupedBatches"/>): when a thousand grains activate at
/// once their thousand look-ups take sixteen round trips, not a thousand. Alone, a statement runs at once.
/// </summary>
public sealed class GroupedScalars(NpgsqlDataSource db, ILogger<GroupedScalars> log) : IAsyncDisposable
{
    private readonly GroupedBatches _groups = new(db, log, "single-row statements");

    /// <summary>The first column of the first row the statement returns; null when it returns none (or NULL).</summary>
    public async Task<object?> Run(string sql, params object?[] values)
    {
        var statement = new Statement(sql, values);
        await _groups.Run(statement);
        return statement.Value;
    }

    public ValueTask DisposeAsync() => _groups.DisposeAsync();

    private sealed class Statement(string sql, object?[] values) : GroupedWork
    {
        public object? Value { get; private set; }

        public override void AddTo(NpgsqlBatch batch, bool again)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in values)
                command.Parameters.Add(value as NpgsqlParameter is { } given ? (again ? given.Clone() : given) : new NpgsqlParameter { Value = value ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        public override async Task ReadResults(NpgsqlDataReader reader)
        {
            Value = await reader.ReadAsync() && !reader.IsDBNull(0) ? reader.GetValue(0) : null;
            await reader.NextResultAsync();
        }
    }
}
