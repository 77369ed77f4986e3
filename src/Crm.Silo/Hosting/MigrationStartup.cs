using Crm.Silo.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Silo.Hosting;

/// <summary>
/// Brings the schema up to date when the process starts. Registered before Orleans, and hosted
/// services start in order, so no silo or client touches a table that does not exist yet.
/// </summary>
public sealed class MigrationStartup(string connectionString, ILogger<MigrationStartup> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => MigrationRunner.Apply(connectionString, log, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class MigrationStartupExtensions
{
    public static IServiceCollection AddCrmMigrations(this IServiceCollection services, string connectionString) =>
        services.AddHostedService(sp => new MigrationStartup(connectionString, sp.GetRequiredService<ILogger<MigrationStartup>>()));
}
