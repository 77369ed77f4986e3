using System.Text.Json;
using Crm.Grains.Interfaces.Leads;
using Crm.Silo.ReadModel;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Deals;
using Crm.Web.Lists;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Web.Leads;

/// <summary>
/// One page of leads and how many match in all: exactly when <paramref name="TotalIsExact"/>, else
/// more than <paramref name="Total"/> (counting stops at <see cref="ListPages.Cap"/> rows past the page's start).
/// </summary>
public sealed record LeadPage(IReadOnlyList<LeadRow> Items, int Total, bool TotalIsExact = true);

/// <summary>A lead as lists and the lead board show it: the read model's row.</summary>
public sealed record LeadRow(long Id, string StatusId, string Title, string FirstName, string LastName, string CompanyName,
    IReadOnlyList<ContactPoint> Phones, IReadOnlyList<ContactPoint> Emails, string SourceId, decimal Amount, string Currency,
    int ResponsibleId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, IReadOnlyDictionary<string, string>? Custom = null)
{
    /// <summary>The row of a lead as a live event carries it.</summary>
    public static LeadRow From(Lead lead)
    {
        var f = lead.Fields;
        return new LeadRow(lead.Id, lead.StatusId, f.Title, f.FirstName, f.LastName, f.CompanyName, f.Phones ?? [], f.Emails ?? [],
            f.SourceId, f.Amount, f.Currency, f.ResponsibleId, lead.CreatedAt, lead.UpdatedAt, lead.Version, f.Custom);
    }
}

/// <summary>Reads of the leads read model: the list and a lead's timeline. Every query filters by portal.</summary>
public sealed class LeadQueries(NpgsqlDataSource db, ListPages lists)
{
    public async Task<LeadPage> List(int portalId, ReadableRows readable, string? statusId, string? search, ListSort sort, int offset, int limit,
        ListFilter? filter = null)
    {
        var query = SearchText.PrefixQuery(search);
        var (items, total, exact) = await lists.Read(new ListQuery("leads", """
            id, status_id, title, first_name, last_name, company_name, phones, emails, source_id, amount, currency,
            responsible_id, created_at, updated_at, version, custom
            """, parameters =>
            {
                parameters.Add(new() { Value = portalId });
                parameters.Add(new() { Value = (object?)statusId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                parameters.Add(new() { Value = (object?)query ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                return $"""
                    portal_id = $1 AND NOT is_deleted
                      AND ($2::text IS NULL OR status_id = $2)
                      AND ($3::text IS NULL OR search @@ to_tsquery('simple', $3)){ListFilter.Apply(filter, parameters)}{readable.Apply(parameters)}
                    """;
            }, sort.Order, sort.ById, query is not null, filter), offset, limit, reader => new LeadRow(reader.GetInt64(0), reader.GetString(1),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), ReadModelJson.Points(reader.GetString(6)),
                ReadModelJson.Points(reader.GetString(7)), reader.GetString(8), reader.GetDecimal(9), reader.GetString(10), reader.GetInt32(11),
                reader.GetFieldValue<DateTimeOffset>(12), reader.GetFieldValue<DateTimeOffset>(13), reader.GetInt64(14), ReadModelJson.Custom(reader.GetString(15))));
        return new LeadPage(items, total, exact);
    }

    /// <summary>The lead board's column totals: count and per-currency sum of each status.</summary>
    public async Task<Dictionary<string, ColumnTotals>> GetTotals(int portalId, ReadableRows readable)
    {
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.CommandText = $"""
            SELECT status_id, currency, count(*)::int, sum(amount) FROM leads
            WHERE portal_id = $1 AND NOT is_deleted{readable.Apply(command.Parameters)}
            GROUP BY status_id, currency
            """;
        return await ColumnTotals.Read(command);
    }

    public Task<IReadOnlyList<HistoryEntry>> GetHistory(int portalId, long leadId) =>
        HistoryRows.Read(db, "lead_history", "lead_id", portalId, leadId, "lead");
}
