using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.Web.Api;

namespace Crm.Web.Bulk;

/// <summary>
/// The command one row of a bulk operation sends to its record's grain. Changing the responsible
/// edits the record as read, with its version: a record changed in between is read again.
/// </summary>
public static class BulkRowCommands
{
    public static Func<long, Task> For(IGrainFactory grains, RequestUser me, string recordKind, BulkRequest request)
    {
        string Key(long id) => GrainKeys.For(me.PortalId, id);
        var user = me.UserId;
        return (recordKind, request.Action) switch
        {
            ("lead", BulkAction.SetResponsible) => id => Edit(async () =>
            {
                var g = grains.GetGrain<ILeadGrain>(Key(id));
                var lead = await g.Get();
                await g.Update(lead.Fields with { ResponsibleId = Responsible(request) }, lead.Version, user);
            }),
            ("lead", BulkAction.SetStatus) => id => grains.GetGrain<ILeadGrain>(Key(id)).SetStatus(Required(request.StatusId, "statusId"), null, user),
            ("lead", BulkAction.Delete) => id => grains.GetGrain<ILeadGrain>(Key(id)).Delete(null, user),
            ("deal", BulkAction.SetResponsible) => id => Edit(async () =>
            {
                var g = grains.GetGrain<IDealGrain>(Key(id));
                var d = await g.Get();
                await g.Update(new DealFields(d.Title, d.Amount, d.Currency, Responsible(request), d.BeginDate, d.CloseDate, d.Comments,
                    d.CompanyId, d.ContactIds, d.Custom), d.Version, user);
            }),
            ("deal", BulkAction.SetStage) => id => grains.GetGrain<IDealGrain>(Key(id)).Move(Required(request.StageId, "stageId"), null, null, user),
            ("deal", BulkAction.Delete) => id => grains.GetGrain<IDealGrain>(Key(id)).Delete(null, user),
            ("contact", BulkAction.SetResponsible) => id => Edit(async () =>
            {
                var g = grains.GetGrain<IContactGrain>(Key(id));
                var c = await g.Get();
                await g.Update(c.Fields with { ResponsibleId = Responsible(request) }, c.Version, user);
            }),
            ("contact", BulkAction.Delete) => id => grains.GetGrain<IContactGrain>(Key(id)).Delete(null, user),
            ("company", BulkAction.SetResponsible) => id => Edit(async () =>
            {
                var g = grains.GetGrain<ICompanyGrain>(Key(id));
                var c = await g.Get();
                await g.Update(c.Fields with { ResponsibleId = Responsible(request) }, c.Version, user);
            }),
            ("company", BulkAction.Delete) => id => grains.GetGrain<ICompanyGrain>(Key(id)).Delete(null, user),
            _ => throw CrmException.Invalid("invalid_bulk_action", $"'{request.Action}' cannot be applied to {recordKind} rows.", "action"),
        };
    }

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
