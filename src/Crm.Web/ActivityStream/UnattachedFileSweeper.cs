using Npgsql;

namespace Crm.Web.ActivityStream;

/// <summary>
/// Deletes files uploaded for a post that was never written (a composer closed after attaching), once
/// a day has passed: nobody but their uploader could ever fetch them. Every web node sweeps; the delete
/// is the same from any of them.
/// </summary>
public sealed class UnattachedFileSweeper(NpgsqlDataSource db, ILogger<UnattachedFileSweeper> log) : BackgroundService
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Deletes the unattached files uploaded before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> Sweep(DateTimeOffset before)
    {
        await using var command = db.CreateCommand("DELETE FROM stream_files WHERE post_id IS NULL AND created_at < $1");
        command.Parameters.Add(new() { Value = before.UtcDateTime });
        return await command.ExecuteNonQueryAsync();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                if (await Sweep(DateTimeOffset.UtcNow - KeptFor) is var swept and > 0)
                    log.LogInformation("Deleted {Count} files uploaded for posts never written", swept);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Sweeping unattached stream files failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
