using Crm.Grains.Automation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Silo.Automation;

public static class RobotServices
{
    /// <summary>The queue that robot alarms and timers add due records to, and this silo's wakers that run them.</summary>
    public static IServiceCollection AddCrmRobotWakers(this IServiceCollection services)
    {
        services.AddOptions<RobotWakeOptions>().BindConfiguration(RobotWakeOptions.Section);
        services.TryAddSingleton<RobotWakeQueue>();
        services.AddHostedService<RobotWaker>();
        return services;
    }
}
