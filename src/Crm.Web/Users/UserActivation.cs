using Crm.Silo.Database;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.ReadModel;
using Crm.Web.Access;
using Crm.Web.Api;
using Npgsql;

namespace Crm.Web.Users;

/// <summary>
/// Deactivates and reactivates users of the admin's portal. A deactivated user keeps their records
/// (they can be reassigned) but cannot sign in; a new security stamp ends their cookie sessions at
/// the next request (see <see cref="ActiveSessionValidator"/>), and their API tokens are revoked.
/// </summary>
public sealed class UserActivation(NpgsqlDataSource db, UserAccess access, IGrainFactory grains, IAuditLog audit)
{
    public async Task<UserSummary> SetActive(RequestUser admin, int userId, bool active)
    {
        await access.RequireAdmin(admin, "Only a portal admin can deactivate or reactivate users.");
        var adminIds = (await grains.GetGrain<IAccessGrain>(admin.PortalId).Get()).AdminIds;

        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Locking the portal's row serialises activation changes in a portal: two admins deactivating
        // each other at once cannot both see the other still active and leave no active admin.
        await Execute(connection, "SELECT 1 FROM portals WHERE id = $1 FOR UPDATE", admin.PortalId);
        var target = await Read(connection, admin.PortalId, userId)
            ?? throw CrmException.NotFound("user_not_found", $"There is no user {userId} in this portal.");
        if (await Read(connection, admin.PortalId, admin.UserId) is not { IsActive: true })
            throw CrmException.Forbidden("user_inactive", "Only an active admin can deactivate or reactivate users.");
        if (target.IsActive == active) return target;
        if (!active) await CheckMayDeactivate(connection, admin, target, adminIds);

        await Execute(connection, "UPDATE users SET is_active = $3, security_stamp = $4 WHERE portal_id = $1 AND id = $2",
            admin.PortalId, userId, active, Guid.NewGuid().ToString("N"));
        // Revoked, not just suspended: reactivating a user must not quietly revive scripts that held their tokens.
        var revokedTokens = active ? 0 : await Execute(connection,
            "UPDATE api_tokens SET revoked_at = now() WHERE portal_id = $1 AND user_id = $2 AND revoked_at IS NULL", admin.PortalId, userId);
        await transaction.CommitAsync();
        await audit.Record(admin.PortalId, admin.UserId, active ? "user.reactivated" : "user.deactivated",
            new { userId, email = target.Email, displayName = target.DisplayName, revokedTokens });
        return target with { IsActive = active };
    }

    private static async Task CheckMayDeactivate(NpgsqlConnection connection, RequestUser admin, UserSummary target, IReadOnlyList<int> adminIds)
    {
        if (target.Id == admin.UserId)
            throw CrmException.Invalid("cannot_deactivate_self", "You cannot deactivate yourself; another admin can.", "userId");
        if (!adminIds.Contains(target.Id)) return;
        await using var others = new NpgsqlCommand(
            "SELECT count(*) FROM users WHERE portal_id = $1 AND is_active AND id = ANY($2) AND id <> $3", connection);
        others.AddValues(admin.PortalId, adminIds.ToArray(), target.Id);
        if ((long)(await others.ExecuteScalarAsync())! == 0)
            throw CrmException.Conflict("last_admin", $"{target.DisplayName} is the portal's last active admin; make another user admin first.");
    }

    private static async Task<UserSummary?> Read(NpgsqlConnection connection, int portalId, int userId)
    {
        await using var command = new NpgsqlCommand("SELECT id, display_name, email, is_active FROM users WHERE portal_id = $1 AND id = $2", connection);
        command.AddValues(portalId, userId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new UserSummary(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)) : null;
    }

    private static async Task<int> Execute(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.AddValues(values);
        return await command.ExecuteNonQueryAsync();
    }
}
