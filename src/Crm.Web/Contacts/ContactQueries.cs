using System.Text.Json;
using Crm.Silo.ReadModel;
using Crm.Web.Api;
using Crm.Web.Access;
using Crm.Web.Lists;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Web.Contacts;

/// <summary>A contact as lists show it: the read model's row.</summary>
public sealed record ContactRow(long Id, string FirstName, string SecondName, string LastName, string TypeId, string Position,
    IReadOnlyList<ContactPoint> Phones, IReadOnlyList<ContactPoint> Emails, IReadOnlyList<long> CompanyIds, int ResponsibleId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, IReadOnlyDictionary<string, string>? Custom = null);

/// <summary>A page of contacts; the total is exact when <paramref name="TotalIsExact"/>, else more than <paramref name="Total"/> match.</summary>
public sealed record ContactPage(IReadOnlyList<ContactRow> Items, int Total, bool TotalIsExact = true);

/// <summary>Reads of the contacts read model. Every query filters by portal.</summary>
public sealed class ContactQueries(NpgsqlDataSource db, ListPages lists)
{
    /// <summary>A page of contacts, newest first unless <paramref name="sort"/> says otherwise: filter by type or by company, search names and position.</summary>
    public async Task<ContactPage> List(int portalId, ReadableRows readable, string? typeId, long? companyId, string? search, int offset, int limit, ListFilter? filter = null,
        ListSort? sort = null)
    {
        sort ??= ListSort.Default("contact");
        var query = SearchText.PrefixQuery(search);
        var (items, total, exact) = await lists.Read(new ListQuery("contacts", """
            id, first_name, second_name, last_name, type_id, position, phones, emails, company_ids, responsible_id,
            created_at, updated_at, version, custom
            """, parameters =>
            {
                parameters.Add(new() { Value = portalId });
                parameters.Add(new() { Value = (object?)typeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                parameters.Add(new() { Value = (object?)companyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
                parameters.Add(new() { Value = (object?)query ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                return $"""
                    portal_id = $1 AND NOT is_deleted
                      AND ($2::text IS NULL OR type_id = $2)
                      AND ($3::bigint IS NULL OR company_ids @> ARRAY[$3])
                      AND ($4::text IS NULL OR search @@ to_tsquery('simple', $4)){ListFilter.Apply(filter, parameters)}{readable.Apply(parameters)}
                    """;
            }, sort.Order, sort.ById, Searches: query is not null, filter), offset, limit, reader => new ContactRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), ReadModelJson.Points(reader.GetString(6)), ReadModelJson.Points(reader.GetString(7)),
                reader.GetFieldValue<long[]>(8), reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11),
                reader.GetInt64(12), ReadModelJson.Custom(reader.GetString(13))));
        return new ContactPage(items, total, exact);
    }

    public Task<IReadOnlyList<HistoryEntry>> GetHistory(int portalId, long id) => HistoryRows.Read(db, "contact_history", "contact_id", portalId, id, "contact");
}
