using Crm.Grains.Interfaces.Activities;
using Crm.Grains.ReadModel;
using Crm.Silo.Database;
using Npgsql;

namespace Crm.Silo.ReadModel;

/// <summary>The read-model look-ups of the trigger dispatcher; served by the GIN indexes on e-mails, phones and deal contacts.</summary>
public sealed class TriggerRecords(NpgsqlDataSource db) : ITriggerRecords
{
    public async Task<IReadOnlyList<RecordRef>> ByContactPoint(int portalId, string? email, string? phoneKey, IReadOnlyCollection<string> closedLeadStatuses, int limit)
    {
        string[] emails = email is null ? [] : [email];
        string[] phones = phoneKey is null ? [] : [phoneKey];
        if (emails.Length == 0 && phones.Length == 0) return [];
        await using var command = db.CreateCommand("""
            WITH client_contacts AS (
                SELECT id FROM contacts WHERE portal_id = $1 AND NOT is_deleted AND (email_addresses && $2 OR phone_digits && $3)
            ), client_companies AS (
                SELECT id FROM companies WHERE portal_id = $1 AND NOT is_deleted AND (email_addresses && $2 OR phone_digits && $3)
            )
            (SELECT 'lead' AS kind, id FROM leads
             WHERE portal_id = $1 AND NOT is_deleted AND (email_addresses && $2 OR phone_digits && $3) AND NOT (status_id = ANY($4))
             ORDER BY id LIMIT $5)
            UNION ALL
            (SELECT 'deal', id FROM deals
             WHERE portal_id = $1 AND NOT is_deleted AND NOT is_closed
               AND (contact_ids && ARRAY(SELECT id FROM client_contacts) OR company_id IN (SELECT id FROM client_companies))
             ORDER BY id LIMIT $5)
            """);
        command.AddValues(portalId, emails, phones, closedLeadStatuses.ToArray(), limit);
        var found = new List<RecordRef>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync() && found.Count < limit)
            found.Add(new RecordRef(reader.GetString(0), reader.GetInt64(1)));
        return found;
    }

    public async Task<ClientDeals?> ClientDealsOf(int portalId, long dealId, int limit)
    {
        await using var command = db.CreateCommand("""
            SELECT d.pipeline_id, ARRAY(
                SELECT o.id FROM deals o
                WHERE o.portal_id = $1 AND o.id <> $2 AND NOT o.is_deleted AND NOT o.is_closed
                  AND (o.contact_ids && d.contact_ids OR (d.company_id IS NOT NULL AND o.company_id = d.company_id))
                ORDER BY o.id LIMIT $3)
            FROM deals d WHERE d.portal_id = $1 AND d.id = $2 AND NOT d.is_deleted
            """);
        command.AddValues(portalId, dealId, limit);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new ClientDeals(reader.GetInt64(0), reader.GetFieldValue<long[]>(1)) : null;
    }
}
