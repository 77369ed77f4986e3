using Npgsql;

namespace Crm.Silo.Tests;

/// <summary>
/// Makes PostgreSQL refuse grain state writes that match a condition on the new <c>orleansstorage</c>
/// row, until disposed: a storage failure at an exact point of a grain's work, for tests of what a
/// retry after it does.
/// </summary>
public sealed class RefusedStateWrites : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly string _name = $"refuse_{Guid.NewGuid():N}";

    private RefusedStateWrites(NpgsqlDataSource db) => _db = db;

    /// <param name="condition">SQL on <c>NEW</c>, e.g. <c>NEW.graintypestring = 'conversation'</c>.</param>
    public static async Task<RefusedStateWrites> Where(NpgsqlDataSource db, string condition)
    {
        var refused = new RefusedStateWrites(db);
        await refused.Sql($"""
            CREATE FUNCTION {refused._name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'refused for the test'; END $$;
            CREATE TRIGGER {refused._name} BEFORE INSERT OR UPDATE ON orleansstorage FOR EACH ROW
                WHEN ({condition}) EXECUTE FUNCTION {refused._name}();
            """);
        return refused;
    }

    public async ValueTask DisposeAsync() => await Sql($"DROP TRIGGER {_name} ON orleansstorage; DROP FUNCTION {_name}();");

    private async Task Sql(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
