using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Crm.Silo.Hosting;

public static class LoggingConfiguration
{
    /// <summary>
    /// Structured logs: JSON lines (one object per event, scopes and properties included) when
    /// Crm:LogFormat is "json", as in containers; readable single lines otherwise.
    /// </summary>
    public static ILoggingBuilder AddCrmLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        if (string.Equals(configuration["Crm:LogFormat"], "json", StringComparison.OrdinalIgnoreCase))
            logging.AddJsonConsole(o => { o.IncludeScopes = true; o.TimestampFormat = "O"; o.UseUtcTimestamp = true; });
        else
            logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        return logging;
    }
}
