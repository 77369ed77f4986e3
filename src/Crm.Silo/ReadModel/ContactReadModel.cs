using Crm.Silo.Database;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.ReadModel;
using Npgsql;
using static Crm.Silo.ReadModel.RecordRows;

namespace Crm.Silo.ReadModel;

/// <summary>Writes contact rows (with their company links) and timeline entries.</summary>
public sealed class ContactReadModel(GroupedScalars scalars, ProjectionWriter writer) : IRecordReadModel<Contact>
{
    private static readonly string[] Columns =
    [
        "portal_id", "id", "first_name", "second_name", "last_name", "type_id", "position", "phones", "emails", "phone_digits",
        "email_addresses", "address", "company_ids", "responsible_id", "comments", "is_deleted", "created_at", "created_by",
        "updated_at", "updated_by", "version", "custom",
    ];

    private static readonly string Upsert = $"""
        INSERT INTO contacts ({string.Join(", ", Columns)}) VALUES ({Placeholders(Columns.Length)})
        ON CONFLICT (portal_id, id) DO UPDATE SET {Excluded(Columns[2..16].Concat(Columns[18..]).ToArray())}
        WHERE contacts.version < EXCLUDED.version
        """;

    public Task Project(Contact c, bool deleted, HistoryEntry? entry)
    {
        var f = c.Fields;
        var (phones, emails) = MatchKeys(f.Phones, f.Emails);
        return RecordRows.Project(writer, Upsert,
        [
            Value(c.PortalId), Value(c.Id), Value(f.FirstName), Value(f.SecondName), Value(f.LastName), Value(f.TypeId), Value(f.Position),
            Json(f.Phones ?? []), Json(f.Emails ?? []), phones, emails, Json(f.Address ?? new Address()), Value(c.CompanyIds.ToArray()),
            Value(f.ResponsibleId), Value(f.Comments), Value(deleted), Value(c.CreatedAt.UtcDateTime), Value(c.CreatedBy),
            Value(c.UpdatedAt.UtcDateTime), Value(c.UpdatedBy), Value(c.Version), Custom(c.Fields.Custom),
        ], "contact_history", "contact_id", c, entry);
    }

    public Task<long?> GetVersion(int portalId, long id) => RecordRows.GetVersion(scalars, "contacts", portalId, id);
}
