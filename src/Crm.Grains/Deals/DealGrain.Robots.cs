using Crm.Grains.Automation;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.CustomFields;

namespace Crm.Grains.Deals;

/// <summary>
/// The deal's robots: entering a stage queues that stage's robots (in the same state write as the
/// move), an alarm and a timer wake the grain when one is due (see RobotWakeUp), and each run (or skip, or failure)
/// is a new version with its line on the timeline. Actions on the deal itself change it in that same
/// version; actions elsewhere go through <see cref="RobotEffects"/>.
/// </summary>
public sealed partial class DealGrain
{
    private RobotWakeUp? _wake;
    private RobotEffects? _effects;

    private RobotWakeUp Wake => _wake ??= new RobotWakeUp(this, GrainFactory, () => Robots, wakeQueue, clock, log);

    private RobotEffects Effects => _effects ??= new RobotEffects(GrainFactory, outbox, notifications);

    private RobotQueueState Robots => state.State.Robots;

    /// <summary>Called by this silo's robot wakers when the alarm or the timer rang: runs what is due, then settles the alarm.</summary>
    public async Task WakeRobots()
    {
        while (state.State.Deal is not null && !state.State.Deleted && RobotQueue.Due(Robots, clock.GetUtcNow()).FirstOrDefault() is { } job)
            await RunRobot(job);
        await SettleWakeUp(alarmRang: true);
    }

    /// <summary>Cancels and schedules robots for the change from <paramref name="before"/> to <paramref name="after"/> (not yet stored); returns the timeline lines for what will not run.</summary>
    private async Task<IReadOnlyList<FieldChange>> AdvanceRobots(Deal? before, Deal after, RobotJob? finished, DateTimeOffset now)
    {
        var notRun = new List<RobotNotRun>();
        if (finished is not null)
            notRun.AddRange(RobotQueue.Finish(Robots, finished, now, RobotFieldValues.Of(after), await WorkingHours(), now));
        if (before?.StageId != after.StageId)
        {
            var robots = await GrainFactory.GetGrain<IStageRobotsGrain>(RobotBoards.Deals(after.PortalId, after.PipelineId)).Get(after.StageId);
            if (robots.Count > 0 || Robots.Jobs.Count > 0)
                notRun.AddRange(RobotQueue.Enter(Robots, after.StageId, robots, now, RobotFieldValues.Of(after), await WorkingHours(), now));
        }
        return RobotNotes.Of(notRun).ToList();
    }

    private Task<WorkingHours> WorkingHours() => GrainFactory.GetGrain<IPortalGrain>(Key.PortalId).GetWorkingHours();

    /// <summary>An alarm that rang with nothing left to do is cleared even if the stored state did not know of it.</summary>
    private Task SettleWakeUp(bool alarmRang = false) => Wake.SettleAfterWrite(RobotQueue.NextDue(Robots), alarmRang);

    private async Task RunRobot(RobotJob job)
    {
        var deal = Current;
        var now = clock.GetUtcNow();
        var robot = job.Robot;
        var view = await RobotView(deal);
        // A started job passed its condition before the crash that interrupted it; it finishes now.
        if (!job.Started && RobotConditions.Matches(robot.Condition, view.Values, view.Catalogue) is { Matched: false } no)
        {
            await Apply(deal, deal, RobotNotes.Action, DealChangeKind.Updated, TimelineText.AutomationActor, job, RobotNotes.Skipped(robot, no.Reason ?? "the condition does not hold"));
            return;
        }
        var after = deal;
        FieldChange note;
        try
        {
            (after, note) = await RunAction(deal, job, view, now);
        }
        catch (CrmException e)
        {
            note = RobotNotes.Failed(robot, e.Message);
        }
        await Apply(deal, after, RobotNotes.Action, after.StageId != deal.StageId ? DealChangeKind.Moved : DealChangeKind.Updated, TimelineText.AutomationActor, job, note);
    }

    private async Task<(Deal After, FieldChange Note)> RunAction(Deal deal, RobotJob job, RobotRecordView view, DateTimeOffset now)
    {
        var robot = job.Robot;
        var s = robot.Settings;
        switch (robot.Action)
        {
            case RobotAction.SetField:
                var field = view.Catalogue.Find(s.FieldCode) is { Writable: true } f ? f : throw RobotFieldValue.NotWritable(s.FieldCode);
                var fields = DealRobotFields.With(DealRobotFields.Of(deal), field, RobotFieldValue.Text(field, s.Value, view));
                return (WithFields(deal, await CheckCustom(DealRules.Check(fields), fields)), RobotNotes.Ran(robot, $"{field.Label} set"));
            case RobotAction.SetResponsible:
                var userId = await RobotResponsible.Pick(GrainFactory, users, Key.PortalId, s);
                return (deal with { ResponsibleId = userId }, RobotNotes.Ran(robot, $"responsible set to user {userId}"));
            case RobotAction.MoveToStage:
                var pipeline = await GetPipeline(deal.PipelineId);
                var moved = DealTransitions.Move(deal, pipeline, s.StageId ?? "", null, now);
                return (moved, RobotNotes.Ran(robot, $"moved to {pipeline.FindStage(moved.StageId)?.Name ?? moved.StageId}"));
            default:
                return (deal, RobotNotes.Ran(robot, await Effects.RunQueued(Key.PortalId, Robots, job, view, now, WriteRobots)));
        }
    }

    /// <summary>Writes the queue changed outside a version (a job marked started).</summary>
    private Task WriteRobots() => this.WriteOrReload(state);

    private async Task<RobotRecordView> RobotView(Deal deal)
    {
        var portalId = Key.PortalId;
        var custom = await GrainFactory.GetGrain<ICustomFieldsGrain>(portalId).Get("deal");
        var stage = (await GetPipeline(deal.PipelineId)).FindStage(deal.StageId)?.Name;
        var values = RobotFieldValues.Of(deal, await users.DisplayName(portalId, deal.ResponsibleId), stage);
        var (email, phone) = await Client(deal);
        return new RobotRecordView(new Interfaces.Activities.RecordRef("deal", deal.Id), values, RobotFieldCatalogue.Deal(custom),
            deal.ResponsibleId, email, phone, deal.CompanyId, deal.ContactIds ?? []);
    }

    /// <summary>How the client is reached: the first contact's first e-mail and phone, else the company's.</summary>
    private async Task<(string? Email, string? Phone)> Client(Deal deal)
    {
        string? email = null, phone = null;
        if (deal.ContactIds is [var contactId, ..])
        {
            try
            {
                var contact = await GrainFactory.GetGrain<IContactGrain>(GrainKeys.For(Key.PortalId, contactId)).Get();
                (email, phone) = (contact.Fields.Emails?.FirstOrDefault()?.Value, contact.Fields.Phones?.FirstOrDefault()?.Value);
            }
            catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
            {
            }
        }
        if ((email is null || phone is null) && deal.CompanyId is { } companyId)
        {
            try
            {
                var company = await GrainFactory.GetGrain<ICompanyGrain>(GrainKeys.For(Key.PortalId, companyId)).Get();
                email ??= company.Fields.Emails?.FirstOrDefault()?.Value;
                phone ??= company.Fields.Phones?.FirstOrDefault()?.Value;
            }
            catch (CrmException e) when (e.Kind == CrmErrorKind.NotFound)
            {
            }
        }
        return (email, phone);
    }
}
