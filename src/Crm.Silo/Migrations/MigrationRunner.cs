using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Crm.Silo.Migrations;

/// <summary>
/// Applies the SQL files of this folder (embedded, in name order) that the database has not seen,
/// each in its own transaction, recording them in schema_migrations. An advisory lock makes nodes
/// that start together take turns, so the schema is built once.
/// </summary>
public static class MigrationRunner
{
    // Any constant shared by every node; identifies "the CRM's migration lock" to PostgreSQL.
    private const long LockKey = 0x43524D_4D49_47;

    public static async Task<IReadOnlyList<string>> Apply(string connectionString, ILogger? log = null, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await Execute(connection, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await Execute(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    id text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = new HashSet<string>();
            await using (var read = new NpgsqlCommand("SELECT id FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));

            var done = new List<string>();
            foreach (var (id, sql) in Scripts().Where(s => !applied.Contains(s.Id)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await Execute(connection, tx, sql, ct);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (id) VALUES (@id)", connection, tx))
                {
                    record.Parameters.AddWithValue("id", id);
                    await record.ExecuteNonQueryAsync(ct);
                }
                await tx.CommitAsync(ct);
                log?.LogInformation("Applied migration {Migration}", id);
                done.Add(id);
            }
            return done;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>The migrations shipped with this build, as (id, sql) in the order they apply.</summary>
    public static IReadOnlyList<(string Id, string Sql)> Scripts()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        const string prefix = "Crm.Silo.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^".sql".Length], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
