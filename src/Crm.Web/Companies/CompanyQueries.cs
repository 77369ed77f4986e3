using System.Text.Json;
using Crm.Silo.ReadModel;
using Crm.Web.Api;
using Crm.Web.Access;
using Crm.Web.Lists;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Web.Companies;

/// <summary>A company as lists show it: the read model's row.</summary>
public sealed record CompanyRow(long Id, string Title, string TypeId, string IndustryId, decimal Revenue, string Currency, string TaxId,
    IReadOnlyList<ContactPoint> Phones, IReadOnlyList<ContactPoint> Emails, int ResponsibleId, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, long Version, IReadOnlyDictionary<string, string>? Custom = null);

/// <summary>A page of companies; the total is exact when <paramref name="TotalIsExact"/>, else more than <paramref name="Total"/> match.</summary>
public sealed record CompanyPage(IReadOnlyList<CompanyRow> Items, int Total, bool TotalIsExact = true);

/// <summary>Reads of the companies read model. Every query filters by portal.</summary>
public sealed class CompanyQueries(NpgsqlDataSource db, ListPages lists)
{
    /// <summary>A page of companies, by name unless <paramref name="sort"/> says otherwise: filter by type or industry, search name and tax id.</summary>
    public async Task<CompanyPage> List(int portalId, ReadableRows readable, string? typeId, string? industryId, string? search, int offset, int limit, ListFilter? filter = null,
        ListSort? sort = null)
    {
        sort ??= ListSort.Default("company");
        var query = SearchText.PrefixQuery(search);
        var (items, total, exact) = await lists.Read(new ListQuery("companies", """
            id, title, type_id, industry_id, revenue, currency, tax_id, phones, emails, responsible_id,
            created_at, updated_at, version, custom
            """, parameters =>
            {
                parameters.Add(new() { Value = portalId });
                parameters.Add(new() { Value = (object?)typeId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                parameters.Add(new() { Value = (object?)industryId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                parameters.Add(new() { Value = (object?)query ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                return $"""
                    portal_id = $1 AND NOT is_deleted
                      AND ($2::text IS NULL OR type_id = $2)
                      AND ($3::text IS NULL OR industry_id = $3)
                      AND ($4::text IS NULL OR search @@ to_tsquery('simple', $4)){ListFilter.Apply(filter, parameters)}{readable.Apply(parameters)}
                    """;
            }, sort.Order, sort.ById, Searches: query is not null, filter), offset, limit, reader => new CompanyRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetDecimal(4), reader.GetString(5), reader.GetString(6), ReadModelJson.Points(reader.GetString(7)),
                ReadModelJson.Points(reader.GetString(8)), reader.GetInt32(9), reader.GetFieldValue<DateTimeOffset>(10), reader.GetFieldValue<DateTimeOffset>(11),
                reader.GetInt64(12), ReadModelJson.Custom(reader.GetString(13))));
        return new CompanyPage(items, total, exact);
    }

    public Task<IReadOnlyList<HistoryEntry>> GetHistory(int portalId, long id) => HistoryRows.Read(db, "company_history", "company_id", portalId, id, "company");
}
