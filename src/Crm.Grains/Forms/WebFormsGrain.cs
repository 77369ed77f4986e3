using Crm.Grains.Common;
using Crm.Grains.Interfaces.Forms;
using Crm.Grains.ReadModel;

namespace Crm.Grains.Forms;

/// <summary>What the forms grain persists (plain JSON; keep member names stable).</summary>
public sealed class WebFormsState
{
    public Dictionary<string, WebForm> Forms { get; set; } = [];
}

/// <summary>Keeps a portal's web forms (see <see cref="IWebFormsGrain"/>); every change is audited.</summary>
[GrainType("web-forms")]
public sealed class WebFormsGrain(
    [PersistentState("web-forms", Common.StorageNames.Crm)] IPersistentState<WebFormsState> state,
    IUserDirectory users,
    IAuditLog audit) : Grain, IWebFormsGrain
{
    private int PortalId => (int)this.GetPrimaryKeyLong();

    public Task<IReadOnlyList<WebForm>> GetAll() =>
        Task.FromResult<IReadOnlyList<WebForm>>(state.State.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal).ToList());

    public Task<WebForm?> Get(string formId) => Task.FromResult(state.State.Forms.GetValueOrDefault(formId));

    public async Task<WebForm> Set(WebForm form, int actorId)
    {
        var checkedForm = WebFormRules.Check(form);
        if (!await users.IsActiveUser(PortalId, checkedForm.ResponsibleId))
            throw CrmException.Invalid("unknown_responsible", $"User {checkedForm.ResponsibleId} is not an active user of this portal.", "responsibleId");
        if (!state.State.Forms.ContainsKey(checkedForm.Id) && state.State.Forms.Count >= WebFormRules.MaxForms)
            throw CrmException.Invalid("too_many_forms", $"A portal has at most {WebFormRules.MaxForms} forms.");
        state.State.Forms[checkedForm.Id] = checkedForm;
        await Write();
        await audit.Record(PortalId, actorId, "web-form.saved", new { checkedForm.Id, checkedForm.Name, checkedForm.ResponsibleId, checkedForm.Active });
        return checkedForm;
    }

    public async Task Delete(string formId, int actorId)
    {
        if (!state.State.Forms.Remove(formId))
            throw CrmException.NotFound("form_not_found", $"There is no form '{formId}'.");
        await Write();
        await audit.Record(PortalId, actorId, "web-form.deleted", new { id = formId });
    }

    private Task Write() => this.WriteOrReload(state);
}
