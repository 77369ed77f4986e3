namespace Crm.Grains.Portals;

public sealed class PortalState
{
    public string? Name { get; set; }

    /// <summary>The portal's pipelines in creation order; the first is the default.</summary>
    public List<long> PipelineIds { get; set; } = [];

    /// <summary>Null until an admin sets it: <see cref="Interfaces.Automation.WorkingHours.Default"/>.</summary>
    public Interfaces.Automation.WorkingHours? WorkingHours { get; set; }
}
