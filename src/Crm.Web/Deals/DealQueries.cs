using System.Text.Json;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Silo.ReadModel;
using Crm.Web.Access;
using Crm.Web.Lists;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Web.Deals;

/// <summary>Everything the UI and API read about deals: boards, columns, totals, the list, history. All SQL.</summary>
public sealed class DealQueries(NpgsqlDataSource db, ListPages lists)
{
    private const string DealColumns = """
        portal_id, id, pipeline_id, stage_id, title, amount, currency, responsible_id, begin_date, close_date,
        comments, position, is_closed, created_at, created_by, updated_at, updated_by, version, company_id, contact_ids, custom
        """;

    public async Task<BoardSnapshot> GetBoard(int portalId, ReadableRows readable, Pipeline pipeline, int perColumn)
    {
        var stageIds = pipeline.Stages.Select(s => s.Id).ToArray();
        // One index range scan per stage, each stopping after perColumn + 1 rows (the extra one says "more").
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = pipeline.Id });
        command.Parameters.Add(new() { Value = stageIds });
        command.Parameters.Add(new() { Value = perColumn + 1 });
        command.CommandText = $"""
            SELECT d.* FROM unnest($3::text[]) AS s(stage_id)
            CROSS JOIN LATERAL (
                SELECT {DealColumns} FROM deals
                WHERE portal_id = $1 AND pipeline_id = $2 AND stage_id = s.stage_id AND NOT is_deleted{readable.Apply(command.Parameters)}
                ORDER BY position, id LIMIT $4) d
            """;
        var byStage = (await ReadDeals(command)).ToLookup(d => d.StageId);
        var totals = await GetTotals(portalId, readable, pipeline.Id);
        var columns = stageIds.Select(id =>
        {
            var cards = byStage[id].ToList();
            return new BoardColumn(id, totals.GetValueOrDefault(id) ?? ColumnTotals.Empty(id), cards.Take(perColumn).ToList(), cards.Count > perColumn);
        }).ToList();
        return new BoardSnapshot(pipeline, columns);
    }

    /// <summary>The next cards of a column after the given card (keyset paging: stable while cards move).</summary>
    public async Task<(IReadOnlyList<Deal> Deals, bool HasMore)> GetColumnPage(int portalId, ReadableRows readable, long pipelineId, string stageId,
        double? afterPosition, long? afterId, int take)
    {
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = pipelineId });
        command.Parameters.Add(new() { Value = stageId });
        command.Parameters.Add(new() { Value = (object?)afterPosition ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double });
        command.Parameters.Add(new() { Value = afterId ?? 0L });
        command.Parameters.Add(new() { Value = take + 1 });
        command.CommandText = $"""
            SELECT {DealColumns} FROM deals
            WHERE portal_id = $1 AND pipeline_id = $2 AND stage_id = $3 AND NOT is_deleted
              AND ($4::float8 IS NULL OR (position, id) > ($4, $5)){readable.Apply(command.Parameters)}
            ORDER BY position, id LIMIT $6
            """;
        var deals = await ReadDeals(command);
        return (deals.Take(take).ToList(), deals.Count > take);
    }

    public async Task<Dictionary<string, ColumnTotals>> GetTotals(int portalId, ReadableRows readable, long pipelineId)
    {
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = pipelineId });
        command.CommandText = $"""
            SELECT stage_id, currency, count(*)::int, sum(amount) FROM deals
            WHERE portal_id = $1 AND pipeline_id = $2 AND NOT is_deleted{readable.Apply(command.Parameters)}
            GROUP BY stage_id, currency
            """;
        return await ColumnTotals.Read(command);
    }

    public async Task<DealPage> List(int portalId, ReadableRows readable, long? pipelineId, string? search, ListSort sort, int offset, int limit,
        ListFilter? filter = null)
    {
        var query = Api.SearchText.PrefixQuery(search);
        var (items, total, exact) = await lists.Read(new ListQuery("deals", DealColumns, parameters =>
        {
            parameters.Add(new() { Value = portalId });
            parameters.Add(new() { Value = (object?)pipelineId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            parameters.Add(new() { Value = (object?)query ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            return $"""
                portal_id = $1 AND NOT is_deleted
                  AND ($2::bigint IS NULL OR pipeline_id = $2)
                  AND ($3::text IS NULL OR search @@ to_tsquery('simple', $3)){ListFilter.Apply(filter, parameters)}{readable.Apply(parameters)}
                """;
        }, sort.Order, sort.ById, query is not null, filter), offset, limit, ReadDeal);
        return new DealPage(items, total, exact);
    }

    /// <summary>The deals naming a contact that the user may see, newest first (at most 200).</summary>
    public async Task<IReadOnlyList<Deal>> OfContact(int portalId, ReadableRows readable, long contactId)
    {
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = contactId });
        command.CommandText = $"""
            SELECT {DealColumns} FROM deals
            WHERE portal_id = $1 AND NOT is_deleted AND contact_ids @> ARRAY[$2]{readable.Apply(command.Parameters)}
            ORDER BY id DESC LIMIT 200
            """;
        return await ReadDeals(command);
    }

    /// <summary>A company's deals the user may see, newest first (at most 200): those naming it, and those naming one of its contacts.</summary>
    public async Task<IReadOnlyList<Deal>> OfCompany(int portalId, ReadableRows readable, long companyId)
    {
        await using var command = db.CreateCommand();
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = companyId });
        command.CommandText = $"""
            SELECT {DealColumns} FROM deals
            WHERE portal_id = $1 AND NOT is_deleted
              AND (company_id = $2 OR contact_ids && ARRAY(
                    SELECT id FROM contacts WHERE portal_id = $1 AND NOT is_deleted AND company_ids @> ARRAY[$2])){readable.Apply(command.Parameters)}
            ORDER BY id DESC LIMIT 200
            """;
        return await ReadDeals(command);
    }

    public Task<IReadOnlyList<HistoryEntry>> GetHistory(int portalId, long dealId) =>
        HistoryRows.Read(db, "deal_history", "deal_id", portalId, dealId, "deal");

    /// <summary>
    /// The positions around a drop: the card the deal is dropped under (null: top of the column) and
    /// the card that follows it, ignoring the deal itself.
    /// </summary>
    public async Task<(double? Above, double? Below)> NeighbourPositions(int portalId, long pipelineId, string stageId, long? underDealId, long movingDealId)
    {
        await using var command = db.CreateCommand("""
            WITH above AS (
                SELECT position, id FROM deals
                WHERE portal_id = $1 AND id = $4 AND pipeline_id = $2 AND stage_id = $3 AND NOT is_deleted)
            SELECT (SELECT position FROM above),
                   (SELECT d.position FROM deals d
                    WHERE d.portal_id = $1 AND d.pipeline_id = $2 AND d.stage_id = $3 AND NOT d.is_deleted AND d.id <> $5
                      AND ($4::bigint IS NULL OR (d.position, d.id) > (SELECT position, id FROM above))
                    ORDER BY d.position, d.id LIMIT 1)
            """);
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = pipelineId });
        command.Parameters.Add(new() { Value = stageId });
        command.Parameters.Add(new() { Value = (object?)underDealId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new() { Value = movingDealId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.IsDBNull(0) ? null : reader.GetDouble(0), reader.IsDBNull(1) ? null : reader.GetDouble(1));
    }

    private static async Task<List<Deal>> ReadDeals(NpgsqlCommand command)
    {
        var deals = new List<Deal>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) deals.Add(ReadDeal(reader));
        return deals;
    }

    private static Deal ReadDeal(NpgsqlDataReader r) => new(
        r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetDecimal(5), r.GetString(6), r.GetInt32(7),
        r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9),
        r.GetString(10), r.GetDouble(11), r.GetBoolean(12), r.GetFieldValue<DateTimeOffset>(13), r.GetInt32(14),
        r.GetFieldValue<DateTimeOffset>(15), r.GetInt32(16), r.GetInt64(17),
        r.IsDBNull(18) ? null : r.GetInt64(18), r.GetFieldValue<long[]>(19) is { Length: > 0 } contacts ? contacts : null,
        ReadModelJson.Custom(r.GetString(20)));
}
