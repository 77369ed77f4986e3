using Crm.Silo.ReadModel;
using Crm.Web.Access;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Web.Activities;

/// <summary>An activity as lists show it; <see cref="Overdue"/> when its deadline has passed and it is not done.</summary>
public sealed record ActivityRow(long Id, string Type, string Subject, int ResponsibleId, string OwnerKind, long OwnerId,
    DateTimeOffset? Deadline, bool Done, bool Overdue, long Version);

/// <summary>Reads of the activities read model. Every query filters by portal.</summary>
public sealed class ActivityQueries(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>A user's open activities the user may see, soonest deadline first (those without one last).</summary>
    public Task<IReadOnlyList<ActivityRow>> Mine(int portalId, ReadableRows readable, int userId) =>
        Read("portal_id = $1 AND responsible_id = $2 AND NOT is_deleted AND NOT done", "deadline NULLS LAST, id", readable, portalId, userId, "");

    /// <summary>The activities of one record that the user may see, open ones first, then by deadline.</summary>
    public Task<IReadOnlyList<ActivityRow>> OfRecord(int portalId, ReadableRows readable, string kind, long id) =>
        Read("portal_id = $1 AND owner_id = $2 AND owner_kind = $3 AND NOT is_deleted", "done, deadline NULLS LAST, id", readable, portalId, id, kind);

    private async Task<IReadOnlyList<ActivityRow>> Read(string where, string order, ReadableRows readable, int portalId, long second, string third)
    {
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = second });
        command.Parameters.Add(new() { Value = third });
        command.Parameters.Add(new() { Value = clock.GetUtcNow().UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.CommandText = $"""
            SELECT id, type, subject, responsible_id, owner_kind, owner_id, deadline, done, deadline IS NOT NULL AND deadline < $4 AND NOT done, version
            FROM activities
            WHERE {where}{readable.Apply(command.Parameters)}
            ORDER BY {order} LIMIT 500
            """;
        var rows = new List<ActivityRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new ActivityRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
                reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6), reader.GetBoolean(7), reader.GetBoolean(8), reader.GetInt64(9)));
        return rows;
    }
}
