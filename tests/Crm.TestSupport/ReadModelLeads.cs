using Npgsql;

namespace Crm.TestSupport;

/// <summary>
/// Leads written straight into the read model, for tests of lists larger than the grains could
/// create in a test's time. They can be listed, not opened: no grain state exists for them.
/// </summary>
public static class ReadModelLeads
{
    /// <summary>
    /// Leads 1..<paramref name="count"/> of the portal, one every 10 minutes up to now; every 100th is
    /// junk, every 200th has the word "rarity" in its title.
    /// </summary>
    public static async Task Insert(string connectionString, int portalId, int userId, int count)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var insert = db.CreateCommand("""
            INSERT INTO leads (portal_id, id, status_id, title, first_name, second_name, last_name, company_name, phones, emails,
                phone_digits, email_addresses, source_id, source_description, utm_source, utm_medium, utm_campaign, utm_content, utm_term,
                amount, currency, responsible_id, comments, created_at, created_by, updated_at, updated_by, version)
            SELECT $1, g, CASE WHEN g % 100 = 0 THEN 'JUNK' ELSE 'NEW' END, 'Lead ' || g || CASE WHEN g % 200 = 0 THEN ' rarity' ELSE '' END,
                '', '', '', '', '[]', '[]', '{}', '{}', 'CALL', '', '', '', '', '', '', g, 'USD', $2, '',
                now() - (($3 - g) * 10 || ' minutes')::interval, $2, now(), $2, 1
            FROM generate_series(1, $3) g
            """);
        insert.Parameters.Add(new() { Value = portalId });
        insert.Parameters.Add(new() { Value = userId });
        insert.Parameters.Add(new() { Value = count });
        await insert.ExecuteNonQueryAsync();
    }
}
