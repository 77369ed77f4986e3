using Crm.Silo.Database;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.ReadModel;
using Npgsql;
using static Crm.Silo.ReadModel.RecordRows;

namespace Crm.Silo.ReadModel;

/// <summary>Writes company rows and timeline entries.</summary>
public sealed class CompanyReadModel(GroupedScalars scalars, ProjectionWriter writer) : IRecordReadModel<Company>
{
    private static readonly string[] Columns =
    [
        "portal_id", "id", "title", "type_id", "industry_id", "revenue", "currency", "tax_id", "phones", "emails", "phone_digits",
        "email_addresses", "address", "responsible_id", "comments", "is_deleted", "created_at", "created_by", "updated_at",
        "updated_by", "version", "custom",
    ];

    private static readonly string Upsert = $"""
        INSERT INTO companies ({string.Join(", ", Columns)}) VALUES ({Placeholders(Columns.Length)})
        ON CONFLICT (portal_id, id) DO UPDATE SET {Excluded(Columns[2..16].Concat(Columns[18..]).ToArray())}
        WHERE companies.version < EXCLUDED.version
        """;

    public Task Project(Company c, bool deleted, HistoryEntry? entry)
    {
        var f = c.Fields;
        var (phones, emails) = MatchKeys(f.Phones, f.Emails);
        return RecordRows.Project(writer, Upsert,
        [
            Value(c.PortalId), Value(c.Id), Value(f.Title), Value(f.TypeId), Value(f.IndustryId), Value(f.Revenue), Value(f.Currency),
            Value(f.TaxId), Json(f.Phones ?? []), Json(f.Emails ?? []), phones, emails, Json(f.Address ?? new Address()),
            Value(f.ResponsibleId), Value(f.Comments), Value(deleted), Value(c.CreatedAt.UtcDateTime), Value(c.CreatedBy),
            Value(c.UpdatedAt.UtcDateTime), Value(c.UpdatedBy), Value(c.Version), Custom(c.Fields.Custom),
        ], "company_history", "company_id", c, entry);
    }

    public Task<long?> GetVersion(int portalId, long id) => RecordRows.GetVersion(scalars, "companies", portalId, id);
}
