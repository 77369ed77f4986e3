using Crm.Grains.Common;
using Crm.Grains.Forms;
using Crm.Grains.Interfaces.Automation;
using Crm.Grains.Interfaces.Common;
using Crm.Grains.Interfaces.Forms;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Portals;
using Crm.Grains.ReadModel;

namespace Crm.Web.Forms;

/// <summary>What a client is told after sending a form, and what it did (the lead made, or the client's records the triggers saw).</summary>
public sealed record WebFormReceipt(string Message, long? LeadId, IReadOnlyList<TriggerOutcome> Records);

/// <summary>
/// Takes a filled web form. A client with open leads or deals (found by the e-mail or phone given)
/// fires their WebForm triggers; anyone else becomes a new lead for the form's responsible, with
/// what they wrote as its comment. Checked first: a refused entry changes nothing.
/// </summary>
public sealed class WebFormIntake(IGrainFactory grains, IUserDirectory users)
{
    /// <summary>The portal's active form; NotFound for an unknown or inactive one (an inactive form is not offered).</summary>
    public async Task<WebForm> Form(int portalId, string formId) =>
        await grains.GetGrain<IWebFormsGrain>(portalId).Get(formId) is { Active: true } form
            ? form
            : throw CrmException.NotFound("form_not_found", "There is no such form, or it is no longer taking entries.");

    public async Task<WebFormReceipt> Submit(int portalId, string formId, WebFormEntry? body)
    {
        var form = await Form(portalId, formId);
        var entry = WebFormEntryRules.Check(form, body);
        var report = await TriggerEvents.FormFilled(grains, portalId, form.Id, email: entry.Email, phone: entry.Phone);
        if (report.Records.Count > 0)
            return new WebFormReceipt(form.SuccessText, null, report.Records);

        // A responsible deactivated since the form was made would refuse the lead: the portal's first user takes it.
        var responsible = await users.IsActiveUser(portalId, form.ResponsibleId) ? form.ResponsibleId : await users.FirstUser(portalId) ?? form.ResponsibleId;
        var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(portalId, "lead")).Next();
        var lead = await grains.GetGrain<ILeadGrain>(GrainKeys.For(portalId, id))
            .Create(WebFormEntryRules.Lead(form with { ResponsibleId = responsible }, entry), null, TimelineText.AutomationActor);
        return new WebFormReceipt(form.SuccessText, lead.Id, []);
    }
}
