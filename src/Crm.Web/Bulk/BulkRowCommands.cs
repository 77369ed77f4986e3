using Crm.Grains.Interfaces.Deals;
using Crm.Web.Api;

namespace Crm.Web.Bulk;

/// <summary>
/// The command one row of a bulk operation sends through its record's service, which checks the
/// user's rights on that row (a row the user may not change fails alone, as any other row error).
/// Changing the responsible edits the record as read, with its version: a record changed in between is read again.
/// </summary>
public static class BulkRowCommands
{
    public static Func<long, Task> For(RecordServices records, RequestUser me, string recordKind, BulkRequest request) =>
        (recordKind, request.Action) switch
        {
            ("lead", BulkAction.SetResponsible) => id => Edit(async () =>
            {
                var lead = await records.Leads.Get(me, id);
                await records.Leads.Update(me, id, lead.Fields with { ResponsibleId = Responsible(request) }, lead.Version);
            }),
            ("lead", BulkAction.SetStatus) => id => records.Leads.SetStatus(me, id, Required(request.StatusId, "statusId"), null),
            ("lead", BulkAction.Delete) => id => records.Leads.Delete(me, id, null),
            ("deal", BulkAction.SetResponsible) => id => Edit(async () =>
            {
                var d = await records.Deals.Get(me, id);
                await records.Deals.Update(me, id, new DealFields(d.Title, d.Amount, d.Currency, Responsible(request), d.BeginDate, d.CloseDate, d.Comments,
                    d.CompanyId, d.ContactIds, d.Custom), d.Version);
            }),
            ("deal", BulkAction.SetStage) => id => records.Deals.Move(me, id, Required(request.StageId, "stageId"), null, null, null),
            ("deal", BulkAction.Delete) => id => records.Deals.Delete(me, id, null),
            ("contact", BulkAction.SetResponsible) => id => Edit(async () =>
            {
                var c = await records.Contacts.Get(me, id);
                await records.Contacts.Update(me, id, c.Fields with { ResponsibleId = Responsible(request) }, c.Version);
            }),
            ("contact", BulkAction.Delete) => id => records.Contacts.Delete(me, id, null),
            ("company", BulkAction.SetResponsible) => id => Edit(async () =>
            {
                var c = await records.Companies.Get(me, id);
                await records.Companies.Update(me, id, c.Fields with { ResponsibleId = Responsible(request) }, c.Version);
            }),
            ("company", BulkAction.Delete) => id => records.Companies.Delete(me, id, null),
            _ => throw CrmException.Invalid("invalid_bulk_action", $"'{request.Action}' cannot be applied to {recordKind} rows.", "action"),
        };

    /// <summary>Checks what the action needs before any row is touched.</summary>
    public static void CheckRequest(BulkRequest request)
    {
        if (request.Action == BulkAction.SetResponsible) Responsible(request);
        if (request.Action == BulkAction.SetStatus) Required(request.StatusId, "statusId");
        if (request.Action == BulkAction.SetStage) Required(request.StageId, "stageId");
    }

    private static int Responsible(BulkRequest r) => r.ResponsibleId is { } id and > 0 ? id
        : throw CrmException.Invalid("responsible_required", "Choose the new responsible user.", "responsibleId");

    private static string Required(string? value, string field) => string.IsNullOrWhiteSpace(value)
        ? throw CrmException.Invalid($"{field}_required", $"Choose the new {(field == "statusId" ? "status" : "stage")}.", field)
        : value;

    private static async Task Edit(Func<Task> readAndUpdate)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await readAndUpdate();
                return;
            }
            catch (CrmException e) when (e.Kind == CrmErrorKind.Conflict && attempt < 3)
            {
                // Someone changed the record between our read and our write: read it again.
            }
        }
    }
}
