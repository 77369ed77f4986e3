using Crm.Silo.ReadModel;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Crm.Silo.Tests;

/// <summary>Grouped read-model writes: every change commits whole, and a bad change fails only its own caller.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ProjectionWriterTests(ClusterFixture fixture) : IAsyncLifetime
{
    private const string Table = "projection_writer_probe";

    public async Task InitializeAsync()
    {
        await using var db = fixture.Database();
        await db.CreateCommand($"DROP TABLE IF EXISTS {Table}; CREATE TABLE {Table} (id int PRIMARY KEY, note text NOT NULL)").ExecuteNonQueryAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static ProjectionStatement Insert(int id, string? note) =>
        new($"INSERT INTO {Table} (id, note) VALUES ($1, $2)", new NpgsqlParameter { Value = id }, new NpgsqlParameter { Value = (object?)note ?? DBNull.Value });

    [Fact]
    public async Task Many_concurrent_changes_are_all_written_and_a_bad_one_fails_alone_with_its_other_statement_undone()
    {
        await using var db = fixture.Database();
        await using var writer = new ProjectionWriter(db, NullLogger<ProjectionWriter>.Instance);

        // 200 callers at once: they are grouped; caller 77's second statement breaks a NOT NULL rule.
        var writes = Enumerable.Range(0, 200).Select(i => i == 77
            ? writer.Write(Insert(1000 + i, "first half"), Insert(2000 + i, null))
            : writer.Write(Insert(1000 + i, "row"), Insert(2000 + i, "history"))).ToArray();
        var bad = await Assert.ThrowsAsync<PostgresException>(() => writes[77]);
        Assert.Equal(PostgresErrorCodes.NotNullViolation, bad.SqlState);
        await Task.WhenAll(writes.Where((_, i) => i != 77));

        await using var count = db.CreateCommand($"SELECT count(*) FROM {Table}");
        Assert.Equal(398L, await count.ExecuteScalarAsync());
        await using var partial = db.CreateCommand($"SELECT count(*) FROM {Table} WHERE id IN (1077, 2077)");
        Assert.Equal(0L, await partial.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_stopped_writer_refuses_new_changes()
    {
        await using var db = fixture.Database();
        var writer = new ProjectionWriter(db, NullLogger<ProjectionWriter>.Instance);
        await writer.Write(Insert(1, "before"));
        await writer.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.Write(Insert(2, "after")));
    }
}
