using Crm.Grains.Automation;
using Crm.Grains.Common;
using Crm.Grains.Interfaces.Activities;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Portals;

namespace Crm.Grains.Leads;

/// <summary>
/// The lead's robots, as for deals (see DealGrain.Robots): a status is the lead's stage. The queue
/// changes in <see cref="BeforeStore"/>, so it is written with the version that caused it.
/// </summary>
public sealed partial class LeadGrain
{
    private RobotWakeUp? _wake;
    private RobotEffects? _effects;

    // The robot job a version being stored finishes (set by RunRobot around its Apply).
    private RobotJob? _finishing;

    private RobotWakeUp Wake => _wake ??= new RobotWakeUp(this, GrainFactory, () => Robots, wakeQueue, Clock, log);

    private RobotEffects Effects => _effects ??= new RobotEffects(GrainFactory, outbox, notifications);

    private RobotQueueState Robots => state.State.Robots;

    /// <summary>Called by this silo's robot wakers when the alarm or the timer rang: runs what is due, then settles the alarm.</summary>
    public async Task WakeRobots()
    {
        while (state.State.Record is not null && !state.State.Deleted && RobotQueue.Due(Robots, Now).FirstOrDefault() is { } job)
            await RunRobot(job);
        await SettleWakeUp(alarmRang: true);
    }

    protected override async Task<IReadOnlyList<FieldChange>> BeforeStore(Lead? before, Lead after, bool deleted)
    {
        var finished = _finishing;
        _finishing = null;
        if (deleted)
        {
            // A deleted lead owes nothing: its robots go with it.
            Robots.Jobs.Clear();
            return [];
        }
        var notRun = new List<RobotNotRun>();
        if (finished is not null)
            notRun.AddRange(RobotQueue.Finish(Robots, finished, Now, RobotFieldValues.Of(after), await WorkingHours(), Now));
        if (before?.StatusId != after.StatusId)
        {
            var robots = await GrainFactory.GetGrain<IStageRobotsGrain>(RobotBoards.Leads(Key.PortalId)).Get(after.StatusId);
            if (robots.Count > 0 || Robots.Jobs.Count > 0)
                notRun.AddRange(RobotQueue.Enter(Robots, after.StatusId, robots, Now, RobotFieldValues.Of(after), await WorkingHours(), Now));
        }
        return RobotNotes.Of(notRun).ToList();
    }

    protected override Task BeforeWrite() => Wake.Register(RobotQueue.NextDue(Robots));

    protected override Task AfterStored() => SettleWakeUp();

    /// <summary>An alarm that rang with nothing left to do is cleared even if the stored state did not know of it.</summary>
    private Task SettleWakeUp(bool alarmRang = false) => Wake.SettleAfterWrite(RobotQueue.NextDue(Robots), alarmRang);

    private Task<WorkingHours> WorkingHours() => GrainFactory.GetGrain<IPortalGrain>(Key.PortalId).GetWorkingHours();

    private async Task RunRobot(RobotJob job)
    {
        var lead = Current;
        var robot = job.Robot;
        var view = await RobotView(lead);
        Lead after = lead;
        FieldChange note;
        if (!job.Started && RobotConditions.Matches(robot.Condition, view.Values, view.Catalogue) is { Matched: false } no)
            note = RobotNotes.Skipped(robot, no.Reason ?? "the condition does not hold");
        else
        {
            try
            {
                (after, note) = await RunAction(lead, job, view);
            }
            catch (CrmException e)
            {
                note = RobotNotes.Failed(robot, e.Message);
            }
        }
        _finishing = job;
        try
        {
            await Apply(lead, after, RobotNotes.Action, TimelineText.AutomationActor, note);
        }
        finally
        {
            _finishing = null;
        }
    }

    private async Task<(Lead After, FieldChange Note)> RunAction(Lead lead, RobotJob job, RobotRecordView view)
    {
        var robot = job.Robot;
        var s = robot.Settings;
        switch (robot.Action)
        {
            case RobotAction.SetField:
                var field = view.Catalogue.Find(s.FieldCode) is { Writable: true } f ? f : throw RobotFieldValue.NotWritable(s.FieldCode);
                var fields = LeadRobotFields.With(lead.Fields, field, RobotFieldValue.Text(field, s.Value, view));
                return (lead with { Fields = await Check(fields, lead.Fields.ResponsibleId, TimelineText.AutomationActor) }, RobotNotes.Ran(robot, $"{field.Label} set"));
            case RobotAction.SetResponsible:
                var userId = await RobotResponsible.Pick(GrainFactory, users, Key.PortalId, s);
                return (lead with { Fields = lead.Fields with { ResponsibleId = userId } }, RobotNotes.Ran(robot, $"responsible set to user {userId}"));
            case RobotAction.MoveToStage:
                var status = LeadStatusRules.ForChange(await Lists.GetLeadStatuses(), lead.StatusId, s.StageId ?? "");
                return (lead with { StatusId = status.Id }, RobotNotes.Ran(robot, $"moved to {status.Name}"));
            default:
                return (lead, RobotNotes.Ran(robot, await Effects.RunQueued(Key.PortalId, Robots, job, view, Now, WriteRobots)));
        }
    }

    /// <summary>Writes the queue changed outside a version (a job marked started).</summary>
    private Task WriteRobots() => this.WriteOrReload(state);

    private async Task<RobotRecordView> RobotView(Lead lead)
    {
        var f = lead.Fields;
        var custom = await GrainFactory.GetGrain<ICustomFieldsGrain>(Key.PortalId).Get("lead");
        var status = (await Lists.GetLeadStatuses()).FirstOrDefault(st => st.Id == lead.StatusId)?.Name;
        var values = RobotFieldValues.Of(lead, await users.DisplayName(Key.PortalId, f.ResponsibleId), status);
        return new RobotRecordView(new RecordRef("lead", lead.Id), values, RobotFieldCatalogue.Lead(custom), f.ResponsibleId,
            f.Emails?.FirstOrDefault()?.Value, f.Phones?.FirstOrDefault()?.Value,
            lead.Conversion?.CompanyId, lead.Conversion?.ContactId is { } contact ? [contact] : []);
    }
}
