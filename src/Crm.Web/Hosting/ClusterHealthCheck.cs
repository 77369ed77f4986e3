using Crm.Grains.Interfaces.Portals;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Web.Hosting;

/// <summary>Ready when a grain call round-trips through the cluster (silo up, or gateway reachable).</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await grains.GetGrain<IPortalGrain>(0).Exists().WaitAsync(TimeSpan.FromSeconds(5), ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster did not answer.", e);
        }
    }
}
