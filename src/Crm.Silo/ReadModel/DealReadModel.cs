using Crm.Silo.Database;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.ReadModel;
using Npgsql;
using NpgsqlTypes;
using static Crm.Silo.ReadModel.RecordRows;

namespace Crm.Silo.ReadModel;

/// <summary>Writes deal rows and history (one transaction per change, grouped with others by the <see cref="ProjectionWriter"/>).</summary>
public sealed class DealReadModel(NpgsqlDataSource db, GroupedScalars scalars, ProjectionWriter writer) : IDealReadModel
{
    private const string UpsertDeal = """
        INSERT INTO deals (portal_id, id, pipeline_id, stage_id, title, amount, currency, responsible_id,
            begin_date, close_date, comments, position, is_closed, is_deleted, created_at, created_by,
            updated_at, updated_by, version, company_id, contact_ids, custom)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
        ON CONFLICT (portal_id, id) DO UPDATE SET
            pipeline_id = EXCLUDED.pipeline_id, stage_id = EXCLUDED.stage_id, title = EXCLUDED.title,
            amount = EXCLUDED.amount, currency = EXCLUDED.currency, responsible_id = EXCLUDED.responsible_id,
            begin_date = EXCLUDED.begin_date, close_date = EXCLUDED.close_date, comments = EXCLUDED.comments,
            position = EXCLUDED.position, is_closed = EXCLUDED.is_closed, is_deleted = EXCLUDED.is_deleted,
            updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, version = EXCLUDED.version,
            company_id = EXCLUDED.company_id, contact_ids = EXCLUDED.contact_ids, custom = EXCLUDED.custom
        WHERE deals.version < EXCLUDED.version
        """;

    public Task Project(Deal deal, bool deleted, HistoryEntry? entry)
    {
        var row = new ProjectionStatement(UpsertDeal,
            Value(deal.PortalId), Value(deal.Id), Value(deal.PipelineId), Value(deal.StageId), Value(deal.Title), Value(deal.Amount),
            Value(deal.Currency), Value(deal.ResponsibleId),
            new() { Value = (object?)deal.BeginDate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
            new() { Value = (object?)deal.CloseDate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date },
            Value(deal.Comments), Value(deal.Position), Value(deal.IsClosed), Value(deleted), Value(deal.CreatedAt.UtcDateTime),
            Value(deal.CreatedBy), Value(deal.UpdatedAt.UtcDateTime), Value(deal.UpdatedBy), Value(deal.Version),
            new() { Value = (object?)deal.CompanyId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
            Value((deal.ContactIds ?? []).ToArray()), Custom(deal.Custom));
        return entry is null ? writer.Write(row) : writer.Write(row, History("deal_history", "deal_id", deal.PortalId, deal.Id, entry));
    }

    public Task<long?> GetVersion(int portalId, long dealId) => RecordRows.GetVersion(scalars, "deals", portalId, dealId);

    public async Task<IReadOnlyList<long>> DealIdsInStage(int portalId, long pipelineId, string stageId)
    {
        await using var command = db.CreateCommand(
            "SELECT id FROM deals WHERE portal_id = $1 AND pipeline_id = $2 AND stage_id = $3 AND NOT is_deleted ORDER BY position, id");
        command.Parameters.Add(new() { Value = portalId });
        command.Parameters.Add(new() { Value = pipelineId });
        command.Parameters.Add(new() { Value = stageId });
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }
}
