using Crm.Grains.Outbox;
using Crm.Silo.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Silo.Outbox;

public static class OutboxServices
{
    /// <summary>
    /// The outbox grains write to (<see cref="IOutbox"/>) and this silo's sender with its deliveries.
    /// Needs an <see cref="Npgsql.NpgsqlDataSource"/>; an <see cref="ISmsSender"/> registered by the
    /// deployment is used for SMS.
    /// </summary>
    public static IServiceCollection AddCrmOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section);
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<GroupedScalars>();
        services.TryAddSingleton<IOutbox, OutboxWriter>();
        services.TryAddSingleton<OutboxQueue>();
        services.TryAddSingleton<WebhookSecrets>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxDelivery, EmailDelivery>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxDelivery, SmsDelivery>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxDelivery, WebhookDelivery>());
        services.AddHostedService<OutboxSender>();
        return services;
    }
}
