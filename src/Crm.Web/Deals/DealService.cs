using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.ReadModel;
using Crm.Web.Api;

namespace Crm.Web.Deals;

/// <summary>
/// The deal commands every entry point uses (API, Blazor): resolves ids within the user's portal,
/// turns "drop under that card" into a position, and calls the deal's grain.
/// </summary>
public sealed class DealService(IGrainFactory grains, DealQueries queries, IDealReadModel readModel)
{
    // Below this gap two neighbours cannot be told apart reliably: the column is respaced first.
    private const double MinimumGap = 1e-6;

    public async Task<Deal> Create(RequestUser user, long? pipelineId, string? stageId, DealFields fields)
    {
        var pipeline = pipelineId ?? await DefaultPipelineId(user.PortalId);
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(user.PortalId, "deal")).Next();
        return await Deal(user, id).Create(new NewDeal(pipeline, fields, stageId), user.UserId);
    }

    public Task<Deal> Get(RequestUser user, long id) => Deal(user, id).Get();

    public Task<Deal> Update(RequestUser user, long id, DealFields fields, long? version) =>
        Deal(user, id).Update(fields, version, user.UserId);

    /// <summary>
    /// Moves a deal to a stage, placed directly under the card <paramref name="underDealId"/> of that
    /// column; without it, on top of a new column or where it was in the same one (an explicit
    /// <paramref name="position"/> wins over both).
    /// </summary>
    public async Task<Deal> Move(RequestUser user, long id, string stageId, long? underDealId, double? position, long? version)
    {
        // A plain move (no placement) is one grain call: the grain puts the card on top itself.
        if (position is null && underDealId is not null)
            position = await PositionUnder(user.PortalId, await Deal(user, id).Get(), stageId, underDealId);
        return await Deal(user, id).Move(stageId, position, version, user.UserId);
    }

    public Task<Deal> Close(RequestUser user, long id, DealOutcome outcome, long? version) =>
        Deal(user, id).Close(outcome, version, user.UserId);

    public Task<Deal> Reopen(RequestUser user, long id, string? stageId, long? version) =>
        Deal(user, id).Reopen(stageId, version, user.UserId);

    public Task Delete(RequestUser user, long id, long? version) => Deal(user, id).Delete(version, user.UserId);

    public async Task<long> DefaultPipelineId(int portalId)
    {
        var pipelines = await grains.GetGrain<IPortalGrain>(portalId).GetPipelines();
        return pipelines.FirstOrDefault()?.Id ?? throw CrmException.NotFound("portal_not_found", "The portal has no pipeline.");
    }

    private IDealGrain Deal(RequestUser user, long id) => grains.GetGrain<IDealGrain>(GrainKeys.For(user.PortalId, id));

    private async Task<double?> PositionUnder(int portalId, Deal deal, string stageId, long? underDealId)
    {
        if (underDealId == deal.Id)
            throw CrmException.Invalid("invalid_placement", "A deal cannot be placed under itself.", "underDealId");
        var (above, below) = await queries.NeighbourPositions(portalId, deal.PipelineId, stageId, underDealId, deal.Id);
        if (underDealId is not null && above is null)
            throw CrmException.Invalid("invalid_placement", $"Deal {underDealId} is not in stage '{stageId}'.", "underDealId");
        if (above is { } low && below is { } high && high - low < MinimumGap)
        {
            await Respace(portalId, deal.PipelineId, stageId);
            (above, below) = await queries.NeighbourPositions(portalId, deal.PipelineId, stageId, underDealId, deal.Id);
        }
        return (above, below) switch
        {
            (null, null) => null,
            (null, { } first) => first - 1,
            ({ } last, null) => last + 1,
            ({ } a, { } b) => a + (b - a) / 2,
        };
    }

    /// <summary>Spreads a column's cards one unit apart, keeping their order (rarely needed).</summary>
    private async Task Respace(int portalId, long pipelineId, string stageId)
    {
        var ids = await readModel.DealIdsInStage(portalId, pipelineId, stageId);
        for (var i = 0; i < ids.Count; i++)
            await grains.GetGrain<IDealGrain>(GrainKeys.For(portalId, ids[i])).Move(stageId, i, null, 0);
    }
}
