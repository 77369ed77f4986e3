using System.Globalization;
using Crm.Grains.Interfaces.Access;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Interfaces.Stream;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Crm.Grains.Stream;

/// <summary>See <see cref="IStreamEventsGrain"/>: gives the event a post id and writes it as a post.</summary>
[StatelessWorker, GrainType("stream-events")]
public sealed class StreamEventsGrain(ILogger<StreamEventsGrain> log) : Grain, IStreamEventsGrain
{
    public async Task Tell(StreamEvent streamEvent, int actorId)
    {
        var portalId = (int)this.GetPrimaryKeyLong();
        try
        {
            var id = await GrainFactory.GetGrain<IRecordIdGrain>(GrainKeys.For(portalId, "post")).Next();
            await GrainFactory.GetGrain<IPostGrain>(GrainKeys.For(portalId, id)).CreateEvent(streamEvent, actorId);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Stream event {Kind} of {Record} not written", streamEvent.Kind, streamEvent.Record);
        }
    }
}

/// <summary>Which changes of deals and leads the stream tells, and in what words.</summary>
public static class StreamEventRules
{
    /// <summary>A deal closed (won or lost), or created at or above the portal's large-deal amount.</summary>
    public static StreamEvent? ForDeal(Deal? before, Deal deal, Pipeline pipeline, decimal? largeDealAmount)
    {
        var amount = $"{deal.Amount.ToString("#,0.##", CultureInfo.InvariantCulture)} {deal.Currency}";
        var title = PostText.Encode(deal.Title);
        if (before is null)
            return largeDealAmount is { } large && deal.Amount >= large
                ? Event("deal_large", deal, $"Large deal created: <b>{title}</b>, {amount}.")
                : null;
        if (before.IsClosed || !deal.IsClosed) return null;
        var won = pipeline.FindStage(deal.StageId)?.Semantic == StageSemantic.Won;
        return Event(won ? "deal_won" : "deal_lost", deal, won ? $"Deal won: <b>{title}</b>, {amount}." : $"Deal lost: <b>{title}</b>, {amount}.");
    }

    public static StreamEvent? ForLead(Lead? before, Lead lead) =>
        before is not null && before.Conversion is null && lead.Conversion is not null
            ? new StreamEvent("lead_converted", new(AccessEntity.Lead, lead.Id), $"Lead converted: <b>{PostText.Encode(lead.Fields.Title)}</b>.",
                lead.Fields.ResponsibleId, null, lead.StatusId)
            : null;

    private static StreamEvent Event(string kind, Deal deal, string text) =>
        new(kind, new(AccessEntity.Deal, deal.Id), text, deal.ResponsibleId, deal.PipelineId, deal.StageId);
}
