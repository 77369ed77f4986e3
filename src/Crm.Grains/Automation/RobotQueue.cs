using Crm.Grains.Interfaces.Automation;

namespace Crm.Grains.Automation;

/// <summary>What became of a robot without running: cancelled by leaving the stage, or never scheduled (its date field is empty).</summary>
public sealed record RobotNotRun(Robot Robot, string Reason);

/// <summary>
/// The rules of a record's robot queue, apart from the grain so they can be tested alone: entering a
/// stage cancels what the record still owed and schedules the stage's robots; a robot that has run
/// (or was skipped) starts the one chained after it. Pure: the time is a parameter.
/// </summary>
public static class RobotQueue
{
    /// <summary>The record entered <paramref name="stageId"/>: everything still owed is cancelled (as in Bitrix24), the stage's robots start.</summary>
    public static IReadOnlyList<RobotNotRun> Enter(RobotQueueState queue, string stageId, IReadOnlyList<Robot> robots, DateTimeOffset enteredAt,
        IReadOnlyDictionary<string, string> values, WorkingHours hours, DateTimeOffset now)
    {
        var notRun = queue.Jobs.Select(j => new RobotNotRun(j.Robot, $"cancelled: the record left {j.StageId}")).ToList();
        queue.Jobs.Clear();
        if (robots.Count == 0) return notRun;
        var entry = ++queue.Entries;
        foreach (var robot in robots)
        {
            var waitsFor = RobotChain.WaitsFor(robots, robot.Id)?.Id;
            var job = new RobotJob($"{entry}-{robot.Id}", stageId, robot, enteredAt, null, waitsFor);
            if (waitsFor is null)
            {
                var due = RobotSchedule.Due(robot, enteredAt, null, values, hours, now);
                if (!due.Scheduled)
                {
                    notRun.Add(new RobotNotRun(robot, $"not scheduled: {due.Reason}"));
                    continue;
                }
                job = job with { DueAt = due.At };
            }
            queue.Jobs.Add(job);
        }
        // A chained robot whose predecessor could not be scheduled starts as if that one had been skipped.
        foreach (var skipped in notRun.Where(n => n.Reason.StartsWith("not scheduled", StringComparison.Ordinal)).ToList())
            notRun.AddRange(StartNext(queue, entry, skipped.Robot.Id, enteredAt, values, hours, now));
        return notRun;
    }

    /// <summary>The jobs due at <paramref name="now"/>, earliest first (the stage's list order among equals).</summary>
    public static IReadOnlyList<RobotJob> Due(RobotQueueState queue, DateTimeOffset now) =>
        queue.Jobs.Where(j => j.DueAt is { } at && at <= now).OrderBy(j => j.DueAt).ToList();

    /// <summary>The earliest time a job is due, if any is scheduled.</summary>
    public static DateTimeOffset? NextDue(RobotQueueState queue) => queue.Jobs.Min(j => j.DueAt);

    /// <summary>Records that the job's effect is about to begin, with the id reserved for what it creates; returns the job as stored.</summary>
    public static RobotJob MarkStarted(RobotQueueState queue, RobotJob job, long? effectId = null)
    {
        var i = queue.Jobs.FindIndex(j => j.Id == job.Id);
        if (i < 0) return job;
        queue.Jobs[i] = queue.Jobs[i] with { Started = true, EffectId = effectId };
        return queue.Jobs[i];
    }

    /// <summary>The job has run or was skipped: it leaves the queue and the robot chained after it starts now.</summary>
    public static IReadOnlyList<RobotNotRun> Finish(RobotQueueState queue, RobotJob job, DateTimeOffset finishedAt,
        IReadOnlyDictionary<string, string> values, WorkingHours hours, DateTimeOffset now)
    {
        if (queue.Jobs.RemoveAll(j => j.Id == job.Id) == 0) return [];
        return StartNext(queue, Entry(job), job.Robot.Id, finishedAt, values, hours, now);
    }

    private static IReadOnlyList<RobotNotRun> StartNext(RobotQueueState queue, long entry, string robotId, DateTimeOffset finishedAt,
        IReadOnlyDictionary<string, string> values, WorkingHours hours, DateTimeOffset now)
    {
        var i = queue.Jobs.FindIndex(j => Entry(j) == entry && j.DueAt is null && j.WaitsFor == robotId);
        if (i < 0) return [];
        var next = queue.Jobs[i];
        var due = RobotSchedule.Due(next.Robot, next.EnteredAt, finishedAt, values, hours, now);
        if (due.Scheduled)
        {
            queue.Jobs[i] = next with { DueAt = due.At };
            return [];
        }
        queue.Jobs.RemoveAt(i);
        return [new RobotNotRun(next.Robot, $"not scheduled: {due.Reason}"), .. StartNext(queue, entry, next.Robot.Id, finishedAt, values, hours, now)];
    }

    private static long Entry(RobotJob job) => long.Parse(job.Id.AsSpan(0, job.Id.IndexOf('-')), System.Globalization.CultureInfo.InvariantCulture);
}
