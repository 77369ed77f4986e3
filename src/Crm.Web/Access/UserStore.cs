using Crm.Silo.Database;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Crm.Web.Access;

/// <summary>Identity's user store on our own users table (see Migrations/0005), with Npgsql.</summary>
public sealed class UserStore(NpgsqlDataSource db) :
    IUserPasswordStore<CrmUser>, IUserEmailStore<CrmUser>, IUserSecurityStampStore<CrmUser>
{
    private const string Columns = "id, portal_id, email, normalized_email, display_name, password_hash, security_stamp, is_active";

    public async Task<IdentityResult> CreateAsync(CrmUser user, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO users (portal_id, email, normalized_email, display_name, password_hash, security_stamp, is_active)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (normalized_email) DO NOTHING
            RETURNING id
            """);
        command.AddValues(user.PortalId, user.Email, user.NormalizedEmail, user.DisplayName, user.PasswordHash, user.SecurityStamp, user.IsActive);
        if (await command.ExecuteScalarAsync(ct) is not int id)
            return IdentityResult.Failed(new IdentityError { Code = "DuplicateEmail", Description = $"'{user.Email}' is already taken." });
        user.Id = id;
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(CrmUser user, CancellationToken ct)
    {
        await using var command = db.CreateCommand("""
            UPDATE users SET email = $2, normalized_email = $3, display_name = $4, password_hash = $5,
                security_stamp = $6, is_active = $7
            WHERE id = $1
            """);
        command.AddValues(user.Id, user.Email, user.NormalizedEmail, user.DisplayName, user.PasswordHash, user.SecurityStamp, user.IsActive);
        await command.ExecuteNonQueryAsync(ct);
        return IdentityResult.Success;
    }

    public Task<IdentityResult> DeleteAsync(CrmUser user, CancellationToken ct) =>
        // Users are deactivated, never deleted: their records keep pointing at them.
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "NotSupported", Description = "Users are deactivated, not deleted." }));

    public Task<CrmUser?> FindByIdAsync(string userId, CancellationToken ct) =>
        int.TryParse(userId, out var id) ? FindOne("id = $1", id, ct) : Task.FromResult<CrmUser?>(null);

    public Task<CrmUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        FindOne("normalized_email = $1", normalizedUserName, ct);

    public Task<CrmUser?> FindByEmailAsync(string normalizedEmail, CancellationToken ct) =>
        FindOne("normalized_email = $1", normalizedEmail, ct);

    public Task<string> GetUserIdAsync(CrmUser user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(CrmUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task SetUserNameAsync(CrmUser user, string? userName, CancellationToken ct) => Set(() => user.Email = userName ?? "");
    public Task<string?> GetNormalizedUserNameAsync(CrmUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedUserNameAsync(CrmUser user, string? name, CancellationToken ct) => Set(() => user.NormalizedEmail = name ?? "");
    public Task SetPasswordHashAsync(CrmUser user, string? passwordHash, CancellationToken ct) => Set(() => user.PasswordHash = passwordHash);
    public Task<string?> GetPasswordHashAsync(CrmUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(CrmUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);
    public Task SetEmailAsync(CrmUser user, string? email, CancellationToken ct) => Set(() => user.Email = email ?? "");
    public Task<string?> GetEmailAsync(CrmUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task<bool> GetEmailConfirmedAsync(CrmUser user, CancellationToken ct) => Task.FromResult(true);
    public Task SetEmailConfirmedAsync(CrmUser user, bool confirmed, CancellationToken ct) => Task.CompletedTask;
    public Task<string?> GetNormalizedEmailAsync(CrmUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(CrmUser user, string? email, CancellationToken ct) => Set(() => user.NormalizedEmail = email ?? "");
    public Task SetSecurityStampAsync(CrmUser user, string stamp, CancellationToken ct) => Set(() => user.SecurityStamp = stamp);
    public Task<string?> GetSecurityStampAsync(CrmUser user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public void Dispose() { }

    private static Task Set(Action set)
    {
        set();
        return Task.CompletedTask;
    }

    private async Task<CrmUser?> FindOne(string where, object value, CancellationToken ct)
    {
        await using var command = db.CreateCommand($"SELECT {Columns} FROM users WHERE {where}");
        command.Parameters.Add(new() { Value = value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new CrmUser
        {
            Id = reader.GetInt32(0),
            PortalId = reader.GetInt32(1),
            Email = reader.GetString(2),
            NormalizedEmail = reader.GetString(3),
            DisplayName = reader.GetString(4),
            PasswordHash = reader.IsDBNull(5) ? null : reader.GetString(5),
            SecurityStamp = reader.GetString(6),
            IsActive = reader.GetBoolean(7),
        };
    }
}
