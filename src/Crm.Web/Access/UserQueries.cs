using Npgsql;

namespace Crm.Web.Access;

/// <summary>A user as lists and pickers show them.</summary>
public sealed record UserSummary(int Id, string DisplayName, string Email, bool IsActive);

public sealed class UserQueries(NpgsqlDataSource db)
{
    public async Task<IReadOnlyList<UserSummary>> List(int portalId)
    {
        await using var command = db.CreateCommand(
            "SELECT id, display_name, email, is_active FROM users WHERE portal_id = $1 ORDER BY display_name, id");
        command.Parameters.Add(new() { Value = portalId });
        var users = new List<UserSummary>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            users.Add(new UserSummary(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        return users;
    }

    /// <summary>One user of the portal; null for an unknown id or another portal's user.</summary>
    public async Task<UserSummary?> Find(int portalId, int userId)
    {
        await using var command = db.CreateCommand("SELECT id, display_name, email, is_active FROM users WHERE portal_id = $1 AND id = $2");
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = userId });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new UserSummary(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)) : null;
    }
}
