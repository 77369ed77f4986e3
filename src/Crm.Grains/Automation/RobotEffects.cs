using System.Globalization;
using System.Text.Json;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Comments;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Notifications;
using Crm.Grains.Interfaces.Stream;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.Notifications;
using Crm.Grains.Outbox;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Automation;

/// <summary>
/// The robot actions whose effect lies outside the record: a comment, activity, task or deal (other
/// grains), a notification, and messages through the outbox. Each is safe to run again for the same
/// job: what it creates gets the id reserved in the job (<see cref="RobotJob.EffectId"/>) and a second
/// create finds it; notifications and outbox messages carry the job's dedupe key. Returns what it did,
/// for the timeline; a <see cref="CrmException"/> says why it could not.
/// </summary>
public sealed class RobotEffects(IGrainFactory grains, IOutbox outbox, INotificationStore notifications)
{
    /// <summary>The kind of record whose id the action reserves before it starts, or null when it creates none.</summary>
    public static string? CreatedKind(RobotAction action) => action switch
    {
        RobotAction.AddComment => "comment",
        RobotAction.CreateActivity or RobotAction.CreateTask => "activity",
        RobotAction.CreateDeal => "deal",
        _ => null,
    };

    /// <summary>Reserves the id of what <paramref name="action"/> will create in the portal.</summary>
    public Task<long> ReserveId(int portalId, string kind) => grains.GetGrain<IRecordIdGrain>(GrainKeys.For(portalId, kind)).Next();

    /// <summary>
    /// Runs a queued job's effect. The id of what it creates is reserved and stored with the job first
    /// (<paramref name="saveQueue"/> writes the grain's state), so a repeat after a crash finds what it made.
    /// </summary>
    public async Task<string> RunQueued(int portalId, RobotQueueState queue, RobotJob job, RobotRecordView view, DateTimeOffset now, Func<Task> saveQueue)
    {
        if (CreatedKind(job.Robot.Action) is { } kind && job.EffectId is null)
        {
            job = RobotQueue.MarkStarted(queue, job, await ReserveId(portalId, kind));
            await saveQueue();
        }
        // The effect may call back into the record's grain (a comment checks its owner exists): allow it along this call chain.
        using (RequestContext.AllowCallChainReentrancy())
            return await Run(portalId, job, view, now);
    }

    public async Task<string> Run(int portalId, RobotJob job, RobotRecordView view, DateTimeOffset now)
    {
        var robot = job.Robot;
        var s = robot.Settings;
        switch (robot.Action)
        {
            case RobotAction.AddComment:
                var commentId = Reserved(job);
                await Once(() => grains.GetGrain<ICommentGrain>(GrainKeys.For(portalId, commentId)).Create(view.Record, view.Render(s.Text), TimelineText.AutomationActor));
                return $"comment {commentId} added";

            case RobotAction.CreateActivity or RobotAction.CreateTask:
                var activityId = Reserved(job);
                var type = robot.Action == RobotAction.CreateTask ? ActivityType.Task : s.ActivityType ?? ActivityType.Call;
                var fields = new ActivityFields(type, view.Render(s.Subject), s.ToUserId ?? view.ResponsibleId, view.Record, view.Render(s.Body),
                    s.DeadlineMinutes is { } minutes ? now.AddMinutes(minutes) : null);
                await Once(() => grains.GetGrain<IActivityGrain>(GrainKeys.For(portalId, activityId)).Create(fields, TimelineText.AutomationActor));
                return $"{type.ToString().ToLowerInvariant()} {activityId} planned for user {fields.ResponsibleId}";

            case RobotAction.CreateDeal:
                var dealId = Reserved(job);
                var amount = decimal.TryParse(view.Values.GetValueOrDefault("amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : 0;
                var deal = new DealFields(s.Title is { Length: > 0 } ? view.Render(s.Title) : view.Values.GetValueOrDefault("title", ""),
                    amount, view.Values.GetValueOrDefault("currency", "USD"), view.ResponsibleId, CompanyId: view.CompanyId, ContactIds: view.ContactIds);
                await Once(() => grains.GetGrain<IDealGrain>(GrainKeys.For(portalId, dealId)).Create(new NewDeal(s.PipelineId ?? 0, deal, s.StageId), TimelineText.AutomationActor));
                return $"deal {dealId} created";

            case RobotAction.Notify:
                var userId = s.ToUserId ?? view.ResponsibleId;
                var text = view.Render(s.Text);
                // Told once (a retried job is not told again), in the bell and in the user's stream.
                if (await grains.Notify(notifications, portalId, new NewNotification(userId, "robot", text, view.Record.Kind, view.Record.Id, view.DedupeKey(job))) is not null)
                    await grains.GetGrain<IStreamEventsGrain>(portalId).Tell(
                        new StreamEvent("robot", view.Record, text, view.ResponsibleId, null, null, [userId]), TimelineText.AutomationActor);
                return $"user {userId} notified";

            case RobotAction.SendEmail:
                var email = view.Email ?? throw CrmException.Invalid("no_email", "the client has no e-mail address");
                await outbox.Enqueue(new OutboxMessage(portalId, OutboxKind.Email, view.DedupeKey(job), email, view.Render(s.Subject), view.Render(s.Body), view.Record.Kind, view.Record.Id));
                return $"e-mail to {email} queued";

            case RobotAction.SendSms:
                var phone = view.Phone ?? throw CrmException.Invalid("no_phone", "the client has no phone number");
                await outbox.Enqueue(new OutboxMessage(portalId, OutboxKind.Sms, view.DedupeKey(job), phone, null, view.Render(s.Body), view.Record.Kind, view.Record.Id));
                return $"SMS to {phone} queued";

            case RobotAction.CallWebhook:
                await outbox.Enqueue(new OutboxMessage(portalId, OutboxKind.Webhook, view.DedupeKey(job), s.Url ?? "", null, WebhookBody(robot, view, now), view.Record.Kind, view.Record.Id));
                return $"webhook to {s.Url} queued";

            default:
                throw new InvalidOperationException($"{robot.Action} changes the record itself; its grain runs it.");
        }
    }

    private static long Reserved(RobotJob job) => job.EffectId ?? throw new InvalidOperationException($"Robot job {job.Id} has no reserved id.");

    /// <summary>Creates once: the record already existing under the reserved id means an earlier run created it.</summary>
    private static async Task Once(Func<Task> create)
    {
        try
        {
            await create();
        }
        catch (CrmException e) when (e.Kind == CrmErrorKind.Conflict && e.Code.EndsWith("_exists", StringComparison.Ordinal))
        {
        }
    }

    private static string WebhookBody(Robot robot, RobotRecordView view, DateTimeOffset now) => JsonSerializer.Serialize(new
    {
        @event = "robot",
        robot = new { id = robot.Id, name = robot.Name },
        record = new { type = view.Record.Kind, id = view.Record.Id, fields = view.Values },
        at = now.UtcDateTime,
    });
}
