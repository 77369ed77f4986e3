using Microsoft.Extensions.Logging;

namespace Crm.Grains.Common;

/// <summary>
/// Keeps a record grain's read-model row in step with its state. A command has succeeded once the
/// state is durable, so a failed projection is not reported to the caller: it is retried on a grain
/// timer until it succeeds (and redone on the next activation if the silo dies first).
/// </summary>
public sealed class ReadModelSync(IGrainBase grain, Func<Task> project, ILogger log)
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);
    private IGrainTimer? _retry;

    public async Task Run(string record)
    {
        try
        {
            await project();
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception e)
        {
            log.LogError(e, "Projection of {Record} failed; retrying", record);
            _retry ??= grain.RegisterGrainTimer(_ => Run(record), new GrainTimerCreationOptions(Retry, Retry));
        }
    }

    /// <summary>Refuses a command made against an older version than the record's (someone changed it meanwhile).</summary>
    public static void CheckVersion(string kind, long id, long version, long? expectedVersion)
    {
        if (expectedVersion is { } expected && expected != version)
            throw CrmException.Conflict("version_conflict",
                $"{kind} {id} has changed (version {version}, yours {expected}); reload it and try again.");
    }
}
