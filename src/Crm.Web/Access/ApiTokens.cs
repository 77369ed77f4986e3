using Crm.Silo.Database;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.ReadModel;
using Crm.Web.Api;
using Npgsql;

namespace Crm.Web.Access;

/// <summary>A user's API token as lists show it: never its secret.</summary>
public sealed record ApiTokenInfo(long Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A token just made: the only time its secret is shown.</summary>
public sealed record CreatedApiToken(long Id, string Name, string Token, DateTimeOffset CreatedAt);

/// <summary>Whose a presented token is, when it is usable.</summary>
public readonly record struct ApiTokenOwner(long TokenId, int PortalId, int UserId);

/// <summary>
/// Per-user API tokens (table <c>api_tokens</c>, Migrations/0017): create, list, revoke, and find the
/// owner of a presented secret. Users only ever reach their own tokens.
/// </summary>
public sealed class ApiTokens(NpgsqlDataSource db, IAuditLog audit)
{
    public const int MaxNameLength = 100;

    /// <summary>Bounds the damage of a script creating tokens in a loop; revoked ones do not count.</summary>
    public const int MaxActivePerUser = 20;

    public async Task<CreatedApiToken> Create(RequestUser user, string? name)
    {
        var clean = CheckName(name);
        var secret = ApiTokenSecret.New();
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Locking the user's row serialises their creations, so two at once cannot both pass the limit.
        var active = await Scalar<long?>(connection, """
            SELECT (SELECT count(*) FROM api_tokens t WHERE t.portal_id = u.portal_id AND t.user_id = u.id AND t.revoked_at IS NULL)
            FROM users u WHERE u.id = $1 AND u.portal_id = $2 AND u.is_active FOR UPDATE OF u
            """, user.UserId, user.PortalId)
            ?? throw CrmException.Forbidden("user_inactive", "Only an active user can create API tokens.");
        if (active >= MaxActivePerUser)
            throw CrmException.Conflict("too_many_tokens", $"You already have {MaxActivePerUser} active API tokens; revoke one you no longer use first.");

        await using var insert = new NpgsqlCommand(
            "INSERT INTO api_tokens (portal_id, user_id, name, secret_hash) VALUES ($1, $2, $3, $4) RETURNING id, created_at", connection, transaction);
        insert.AddValues(user.PortalId, user.UserId, clean, ApiTokenSecret.Hash(secret));
        long id;
        DateTimeOffset createdAt;
        await using (var reader = await insert.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            id = reader.GetInt64(0);
            createdAt = reader.GetFieldValue<DateTimeOffset>(1);
        }
        await transaction.CommitAsync();
        await audit.Record(user.PortalId, user.UserId, "token.created", new { tokenId = id, name = clean });
        return new CreatedApiToken(id, clean, secret, createdAt);
    }

    /// <summary>The user's tokens, newest first, revoked ones included so the user sees what was cut off.</summary>
    public Task<IReadOnlyList<ApiTokenInfo>> List(RequestUser user) => ListOwnedBy(user.PortalId, user.UserId);

    /// <summary>A user's tokens as <see cref="List"/> gives them; the caller has checked that it may see them (the user or an admin).</summary>
    public async Task<IReadOnlyList<ApiTokenInfo>> ListOwnedBy(int portalId, int ownerId)
    {
        await using var command = db.CreateCommand("""
            SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens
            WHERE portal_id = $1 AND user_id = $2 ORDER BY created_at DESC, id DESC
            """);
        command.AddValues(portalId, ownerId);
        await using var reader = await command.ExecuteReaderAsync();
        var tokens = new List<ApiTokenInfo>();
        while (await reader.ReadAsync())
            tokens.Add(new ApiTokenInfo(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        return tokens;
    }

    /// <summary>Revokes one of the user's own tokens; revoking it again changes nothing. Anyone else's answers not found.</summary>
    public Task Revoke(RequestUser user, long tokenId) => RevokeOwnedBy(user, user.UserId, tokenId);

    /// <summary>
    /// Revokes a token of <paramref name="ownerId"/> on behalf of <paramref name="actor"/> (the owner, or an
    /// admin the caller has checked); the audit entry names both.
    /// </summary>
    public async Task RevokeOwnedBy(RequestUser actor, int ownerId, long tokenId)
    {
        await using var connection = await db.OpenConnectionAsync();
        var name = await Scalar<string>(connection,
            "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND portal_id = $2 AND user_id = $3 AND revoked_at IS NULL RETURNING name",
            tokenId, actor.PortalId, ownerId);
        if (name is not null)
        {
            await audit.Record(actor.PortalId, actor.UserId, "token.revoked", new { tokenId, name, ownerId });
            return;
        }
        var owned = await Scalar<long?>(connection, "SELECT id FROM api_tokens WHERE id = $1 AND portal_id = $2 AND user_id = $3",
            tokenId, actor.PortalId, ownerId);
        // The same answer for another user's token as for none, so ids cannot be probed.
        if (owned is null)
            throw CrmException.NotFound("token_not_found", ownerId == actor.UserId ? $"You have no API token {tokenId}." : $"User {ownerId} has no API token {tokenId}.");
    }

    /// <summary>
    /// The owner of a presented secret if the token is neither revoked nor its user deactivated; marks
    /// it used, at most once a minute so busy clients do not write on every call.
    /// </summary>
    public async Task<ApiTokenOwner?> Use(string secret, CancellationToken ct)
    {
        if (!ApiTokenSecret.LooksValid(secret)) return null;
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var find = new NpgsqlCommand("""
            SELECT t.id, t.portal_id, t.user_id, t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'
            FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.portal_id = t.portal_id
            WHERE t.secret_hash = $1 AND t.revoked_at IS NULL AND u.is_active
            """, connection);
        find.AddValues(ApiTokenSecret.Hash(secret));
        ApiTokenOwner owner;
        bool stale;
        await using (var reader = await find.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return null;
            owner = new ApiTokenOwner(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2));
            stale = reader.GetBoolean(3);
        }
        if (stale)
        {
            await using var touch = new NpgsqlCommand(
                "UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')", connection);
            touch.AddValues(owner.TokenId);
            await touch.ExecuteNonQueryAsync(ct);
        }
        return owner;
    }

    /// <summary>A name shown in lists and the audit log: one line, not empty, not too long.</summary>
    public static string CheckName(string? name)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0)
            throw CrmException.Invalid("token_name_required", "Give the token a name, e.g. what will use it.", "name");
        if (clean.Length > MaxNameLength)
            throw CrmException.Invalid("token_name_too_long", $"A token name has at most {MaxNameLength} characters.", "name");
        if (clean.Any(char.IsControl))
            throw CrmException.Invalid("token_name_invalid", "A token name is one line of text, without line breaks or control characters.", "name");
        return clean;
    }

    private static async Task<T?> Scalar<T>(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.AddValues(values);
        return await command.ExecuteScalarAsync() is T value ? value : default;
    }
}
