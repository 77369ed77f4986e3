using System.Security.Cryptography;
using Npgsql;

namespace Crm.Silo.Outbox;

/// <summary>A portal's webhook signing secret and when it was made.</summary>
public sealed record WebhookSecret(string Secret, DateTimeOffset CreatedAt);

/// <summary>Each portal's webhook signing secret (table portal_webhook_secrets), made on first use.</summary>
public sealed class WebhookSecrets(NpgsqlDataSource db)
{
    /// <summary>The portal's secret, made now if it has none (two nodes making one at once keep the first).</summary>
    public async Task<WebhookSecret> Of(int portalId)
    {
        await using var command = db.CreateCommand("""
            WITH made AS (
                INSERT INTO portal_webhook_secrets (portal_id, secret) VALUES ($1, $2)
                ON CONFLICT (portal_id) DO NOTHING RETURNING secret, created_at)
            SELECT secret, created_at FROM made
            UNION ALL
            SELECT secret, created_at FROM portal_webhook_secrets WHERE portal_id = $1
            LIMIT 1
            """);
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = New() });
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return await Of(portalId); // made by another node between our insert and read: read it again
        return new WebhookSecret(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Replaces the portal's secret; calls signed from now on use the new one.</summary>
    public async Task<WebhookSecret> Regenerate(int portalId)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO portal_webhook_secrets (portal_id, secret) VALUES ($1, $2)
            ON CONFLICT (portal_id) DO UPDATE SET secret = excluded.secret, created_at = now()
            RETURNING secret, created_at
            """);
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = New() });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new WebhookSecret(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    // 256 random bits, prefixed so a leaked value is recognisable in logs and secret scanners.
    private static string New() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
