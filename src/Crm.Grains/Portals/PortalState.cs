namespace Crm.Grains.Portals;

public sealed class PortalState
{
    public string? Name { get; set; }

    /// <summary>The portal's pipelines in creation order; the first is the default.</summary>
    public List<long> PipelineIds { get; set; } = [];
}
