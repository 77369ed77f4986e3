using System.Text.Json;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.ReadModel;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Silo.ReadModel;

/// <summary>Writes lead rows and timeline entries with one round trip per change (a batch is one transaction).</summary>
public sealed class LeadReadModel(NpgsqlDataSource db) : ILeadReadModel
{
    private const string UpsertLead = """
        INSERT INTO leads (portal_id, id, status_id, title, first_name, second_name, last_name, company_name,
            phones, emails, phone_digits, email_addresses, source_id, source_description,
            utm_source, utm_medium, utm_campaign, utm_content, utm_term, amount, currency, responsible_id,
            comments, is_deleted, created_at, created_by, updated_at, updated_by, version)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
            $21, $22, $23, $24, $25, $26, $27, $28, $29)
        ON CONFLICT (portal_id, id) DO UPDATE SET
            status_id = EXCLUDED.status_id, title = EXCLUDED.title, first_name = EXCLUDED.first_name,
            second_name = EXCLUDED.second_name, last_name = EXCLUDED.last_name, company_name = EXCLUDED.company_name,
            phones = EXCLUDED.phones, emails = EXCLUDED.emails, phone_digits = EXCLUDED.phone_digits,
            email_addresses = EXCLUDED.email_addresses, source_id = EXCLUDED.source_id,
            source_description = EXCLUDED.source_description, utm_source = EXCLUDED.utm_source,
            utm_medium = EXCLUDED.utm_medium, utm_campaign = EXCLUDED.utm_campaign, utm_content = EXCLUDED.utm_content,
            utm_term = EXCLUDED.utm_term, amount = EXCLUDED.amount, currency = EXCLUDED.currency,
            responsible_id = EXCLUDED.responsible_id, comments = EXCLUDED.comments, is_deleted = EXCLUDED.is_deleted,
            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, version = EXCLUDED.version
        WHERE leads.version < EXCLUDED.version
        """;

    private const string InsertHistory = """
        INSERT INTO lead_history (portal_id, lead_id, version, at, actor_id, action, changes)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT DO NOTHING
        """;

    public async Task Project(Lead lead, bool deleted, HistoryEntry? entry)
    {
        var f = lead.Fields;
        var utm = f.Utm ?? new Utm();
        var phones = f.Phones ?? [];
        var emails = f.Emails ?? [];
        await using var batch = db.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(UpsertLead)
        {
            Parameters =
            {
                new() { Value = lead.PortalId }, new() { Value = lead.Id }, new() { Value = lead.StatusId },
                new() { Value = f.Title }, new() { Value = f.FirstName }, new() { Value = f.SecondName },
                new() { Value = f.LastName }, new() { Value = f.CompanyName },
                Json(phones), Json(emails),
                new() { Value = phones.Select(p => ContactPoints.PhoneDigits(p.Value) ?? p.Value).ToArray() },
                new() { Value = emails.Select(e => e.Value.ToLowerInvariant()).ToArray() },
                new() { Value = f.SourceId }, new() { Value = f.SourceDescription },
                new() { Value = utm.Source }, new() { Value = utm.Medium }, new() { Value = utm.Campaign },
                new() { Value = utm.Content }, new() { Value = utm.Term },
                new() { Value = f.Amount }, new() { Value = f.Currency }, new() { Value = f.ResponsibleId },
                new() { Value = f.Comments }, new() { Value = deleted },
                new() { Value = lead.CreatedAt.UtcDateTime }, new() { Value = lead.CreatedBy },
                new() { Value = lead.UpdatedAt.UtcDateTime }, new() { Value = lead.UpdatedBy }, new() { Value = lead.Version },
            },
        });
        if (entry is not null)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(InsertHistory)
            {
                Parameters =
                {
                    new() { Value = lead.PortalId }, new() { Value = lead.Id }, new() { Value = entry.Version },
                    new() { Value = entry.At.UtcDateTime }, new() { Value = entry.ActorId }, new() { Value = entry.Action },
                    Json(entry.Changes),
                },
            });
        await batch.ExecuteNonQueryAsync();
    }

    public async Task<long?> GetVersion(int portalId, long leadId)
    {
        await using var command = db.CreateCommand("SELECT version FROM leads WHERE portal_id = $1 AND id = $2");
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = leadId });
        return await command.ExecuteScalarAsync() is long v ? v : null;
    }

    private static NpgsqlParameter Json<T>(T value) =>
        new() { Value = JsonSerializer.Serialize(value, ReadModelJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb };
}
