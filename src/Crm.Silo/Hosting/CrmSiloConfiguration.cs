using System.Net;
using System.Net.Sockets;
using Crm.Grains.Common;
using Crm.Grains.ReadModel;
using Crm.Silo.Outbox;
using Crm.Silo.ReadModel;
using Crm.Silo.Automation;
using Crm.Silo.Database;
using Crm.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;

namespace Crm.Silo.Hosting;

/// <summary>The one place that makes a process a CRM silo, or a client of the CRM cluster.</summary>
public static class CrmSiloConfiguration
{
    private const string Invariant = "Npgsql";

    /// <summary>A silo of the CRM cluster: identity and endpoints from settings, everything else from <see cref="AddCrmPersistence"/>.</summary>
    public static ISiloBuilder AddCrmSilo(this ISiloBuilder silo, string connectionString, ClusterSettings settings)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = ClusterSettings.ServiceId;
        });
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = ResolveAddress(settings.AdvertisedAddress);
            o.SiloPort = settings.SiloPort;
            o.GatewayPort = settings.GatewayPort;
            if (settings.ListenOnAnyAddress)
            {
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, settings.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, settings.GatewayPort);
            }
        });
        return silo.AddCrmPersistence(connectionString);
    }

    /// <summary>Clustering, grain storage and reminders on PostgreSQL, plus the services grains use (read model, outbox).</summary>
    public static ISiloBuilder AddCrmPersistence(this ISiloBuilder silo, string connectionString)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        // The ADO.NET provider's table and rows, read and written in groups across grains (see GroupedGrainStorage).
        silo.Services.AddGrainStorage(StorageNames.Crm, (services, _) => ActivatorUtilities.CreateInstance<GroupedGrainStorage>(services));
        // Plain JSON rows, not Newtonsoft with .NET type names: stored state survives refactoring.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Services.AddCrmReadModel(connectionString);
        // The outbox grains hand mail and webhook calls to, and this silo's sender of it.
        silo.Services.AddCrmOutbox();
        // Records whose robots are due, woken a bounded number at a time.
        silo.Services.AddCrmRobotWakers();
        return silo;
    }

    /// <summary>An Orleans client that finds the cluster's gateways through the membership table.</summary>
    public static IClientBuilder AddCrmClient(this IClientBuilder client, string connectionString, ClusterSettings settings)
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = ClusterSettings.ServiceId;
        });
        return client.UseCrmClustering(connectionString);
    }

    /// <summary>Finds the cluster's gateways through the membership table.</summary>
    public static IClientBuilder UseCrmClustering(this IClientBuilder client, string connectionString)
    {
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        return client;
    }

    /// <summary>The read-model data source and the read-model services the grains call.</summary>
    public static IServiceCollection AddCrmReadModel(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ProjectionWriter>();
        services.TryAddSingleton<GroupedScalars>();
        services.TryAddSingleton<IDealReadModel, DealReadModel>();
        services.TryAddSingleton<ILeadReadModel, LeadReadModel>();
        services.TryAddSingleton<IRecordReadModel<Crm.Grains.Interfaces.Contacts.Contact>, ContactReadModel>();
        services.TryAddSingleton<IRecordReadModel<Crm.Grains.Interfaces.Companies.Company>, CompanyReadModel>();
        services.TryAddSingleton<IRecordReadModel<Crm.Grains.Interfaces.Activities.Activity>, ActivityReadModel>();
        services.TryAddSingleton<IRecordReadModel<Crm.Grains.Interfaces.Comments.Comment>, CommentReadModel>();
        services.TryAddSingleton<IPipelineReadModel, PipelineReadModel>();
        services.TryAddSingleton<IUserDirectory, UserDirectory>();
        services.TryAddSingleton<ICustomFieldIndexes, CustomFieldIndexes>();
        services.TryAddSingleton<IListUsage, ListUsage>();
        services.TryAddSingleton<IAuditLog, AuditLog>();
        services.TryAddSingleton<INotificationStore, NotificationStore>();
        services.TryAddSingleton<IStreamReadModel, StreamReadModel>();
        services.TryAddSingleton<IChatReadModel, ChatReadModel>();
        services.TryAddSingleton<ITriggerRecords, TriggerRecords>();
        return services;
    }

    private static IPAddress ResolveAddress(string hostOrAddress) =>
        IPAddress.TryParse(hostOrAddress, out var ip)
            ? ip
            : Dns.GetHostAddresses(hostOrAddress).First(a => a.AddressFamily == AddressFamily.InterNetwork);
}
