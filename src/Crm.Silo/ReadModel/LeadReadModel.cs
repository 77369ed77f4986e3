using Crm.Silo.Database;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.ReadModel;
using Npgsql;
using static Crm.Silo.ReadModel.RecordRows;

namespace Crm.Silo.ReadModel;

/// <summary>Writes lead rows and timeline entries.</summary>
public sealed class LeadReadModel(GroupedScalars scalars, ProjectionWriter writer) : ILeadReadModel
{
    private static readonly string[] Columns =
    [
        "portal_id", "id", "status_id", "title", "first_name", "second_name", "last_name", "company_name", "phones", "emails",
        "phone_digits", "email_addresses", "source_id", "source_description", "utm_source", "utm_medium", "utm_campaign",
        "utm_content", "utm_term", "amount", "currency", "responsible_id", "comments", "is_deleted", "created_at", "created_by",
        "updated_at", "updated_by", "version", "custom",
    ];

    private static readonly string Upsert = $"""
        INSERT INTO leads ({string.Join(", ", Columns)}) VALUES ({Placeholders(Columns.Length)})
        ON CONFLICT (portal_id, id) DO UPDATE SET {Excluded(Columns[2..24].Concat(Columns[26..]).ToArray())}
        WHERE leads.version < EXCLUDED.version
        """;

    public Task Project(Lead lead, bool deleted, HistoryEntry? entry)
    {
        var f = lead.Fields;
        var utm = f.Utm ?? new Utm();
        var (phones, emails) = MatchKeys(f.Phones, f.Emails);
        return RecordRows.Project(writer, Upsert,
        [
            Value(lead.PortalId), Value(lead.Id), Value(lead.StatusId), Value(f.Title), Value(f.FirstName), Value(f.SecondName),
            Value(f.LastName), Value(f.CompanyName), Json(f.Phones ?? []), Json(f.Emails ?? []), phones, emails, Value(f.SourceId),
            Value(f.SourceDescription), Value(utm.Source), Value(utm.Medium), Value(utm.Campaign), Value(utm.Content), Value(utm.Term),
            Value(f.Amount), Value(f.Currency), Value(f.ResponsibleId), Value(f.Comments), Value(deleted), Value(lead.CreatedAt.UtcDateTime),
            Value(lead.CreatedBy), Value(lead.UpdatedAt.UtcDateTime), Value(lead.UpdatedBy), Value(lead.Version), Custom(f.Custom),
        ], "lead_history", "lead_id", lead, entry);
    }

    public Task<long?> GetVersion(int portalId, long id) => RecordRows.GetVersion(scalars, "leads", portalId, id);
}
