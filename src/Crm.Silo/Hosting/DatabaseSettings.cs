using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Crm.Silo.Hosting;

/// <summary>The one place the database connection string is read, for silos and web nodes alike.</summary>
public static class DatabaseSettings
{
    /// <summary>
    /// ConnectionStrings:Crm, with Npgsql tuned for our traffic unless the operator set these keys:
    /// statements used over and over (grain writes, projections) are prepared automatically, and
    /// pooled connections skip the reset round trip (DISCARD ALL), which would also drop those prepared
    /// statements; no session state is ever set on our connections, so there is nothing to reset.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Crm")
            ?? throw new InvalidOperationException("ConnectionStrings:Crm is not set (the run script sets it for you).");
        var builder = new NpgsqlConnectionStringBuilder(configured);
        var keys = configured.ToLowerInvariant();
        if (!keys.Contains("max auto prepare")) builder.MaxAutoPrepare = 64;
        if (!keys.Contains("auto prepare min usages")) builder.AutoPrepareMinUsages = 2;
        if (!keys.Contains("no reset on close")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
