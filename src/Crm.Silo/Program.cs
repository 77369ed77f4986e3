using Crm.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// A silo process on its own (scale-out): web nodes in "web" mode connect to it as Orleans clients.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddCrmLogging(builder.Configuration);
var connectionString = DatabaseSettings.ConnectionString(builder.Configuration);
var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();

builder.Services.AddCrmMigrations(connectionString);
builder.UseOrleans(silo => silo.AddCrmSilo(connectionString, cluster));
await builder.Build().RunAsync();
