using Crm.Grains.ReadModel;
using Crm.Silo.Database;
using Npgsql;

namespace Crm.Silo.ReadModel;

public sealed class UserDirectory(NpgsqlDataSource db, GroupedScalars scalars) : IUserDirectory
{
    public async Task<bool> IsActiveUser(int portalId, int userId)
    {
        await using var command = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM users WHERE portal_id = $1 AND id = $2 AND is_active)");
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = userId });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public async Task<int?> FirstUser(int portalId)
    {
        await using var command = db.CreateCommand("SELECT min(id) FROM users WHERE portal_id = $1");
        command.Parameters.Add(new() { Value = portalId });
        return await command.ExecuteScalarAsync() is int id ? id : null;
    }

    // Robots ask for it in crowds (one per deal woken), so it goes with other grains' look-ups.
    public async Task<string?> DisplayName(int portalId, int userId) =>
        await scalars.Run("SELECT display_name FROM users WHERE portal_id = $1 AND id = $2", portalId, userId) as string;
}
