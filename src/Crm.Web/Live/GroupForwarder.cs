using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Pipelines;
using Crm.Web.Deals;
using Microsoft.AspNetCore.SignalR;

namespace Crm.Web.Live;

/// <summary>Sends one board's events to the hub group of that board on this node (serialised once per message).</summary>
public sealed class GroupForwarder(IHubContext<BoardHub> hub, string group, BoardKey board) : IBoardWatcher
{
    public void OnDealChanged(DealChanged change) =>
        _ = hub.Clients.Group(group).SendAsync("dealChanged", change);

    public void OnPipelineChanged(Pipeline pipeline) =>
        _ = hub.Clients.Group(group).SendAsync("pipelineChanged", pipeline);

    public void OnLeadChanged(LeadChanged change) =>
        _ = hub.Clients.Group(group).SendAsync("leadChanged", change);

    public void OnLeadStatusesChanged(LeadStatusesChanged change) =>
        _ = hub.Clients.Group(group).SendAsync("leadStatusesChanged", change);

    public void OnRecordChanged(RecordChanged change) =>
        _ = hub.Clients.Group(group).SendAsync("recordChanged", change);

    public void OnTotalsChanged(IReadOnlyDictionary<string, ColumnTotals> totals) =>
        _ = board.Kind == BoardKind.Leads
            ? hub.Clients.Group(group).SendAsync("leadTotals", new { columns = totals.Values })
            : hub.Clients.Group(group).SendAsync("columnTotals", new { pipelineId = board.PipelineId, columns = totals.Values });

    public void OnResync() =>
        _ = board.Kind == BoardKind.Leads
            ? hub.Clients.Group(group).SendAsync("resync", new { board = "leads" })
            : hub.Clients.Group(group).SendAsync("resync", new { pipelineId = board.PipelineId });
}
