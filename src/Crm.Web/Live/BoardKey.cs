namespace Crm.Web.Live;

public readonly record struct BoardKey(int PortalId, long PipelineId)
{
    public override string ToString() => $"{PortalId}/{PipelineId}";
}
