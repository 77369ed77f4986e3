using Crm.Grains.Interfaces.Forms;
using Crm.Web.Access;
using Crm.Web.Api;

namespace Crm.Web.Forms;

/// <summary>The portal's web forms for the API and the settings page: anyone signed in reads them (triggers name them), the settings right changes them.</summary>
public sealed class WebFormsSettings(IGrainFactory grains, UserAccess access)
{
    public Task<IReadOnlyList<WebForm>> GetAll(RequestUser user) => Forms(user).GetAll();

    public async Task<WebForm> Set(RequestUser user, string formId, WebForm? form)
    {
        await access.RequireSettings(user);
        var given = form ?? throw CrmException.Invalid("body_required", "Send the form: {name, responsibleId, askName, askEmail, askPhone, askMessage, successText, active}.");
        if (given.Id is { Length: > 0 } id && id != formId)
            throw CrmException.Invalid("id_mismatch", $"The body names form '{id}', the address '{formId}'.", "id");
        return await Forms(user).Set(given with { Id = formId }, user.UserId);
    }

    public async Task Delete(RequestUser user, string formId)
    {
        await access.RequireSettings(user);
        await Forms(user).Delete(formId, user.UserId);
    }

    /// <summary>The public address of a form, for links and the embedding snippet.</summary>
    public static string PagePath(int portalId, string formId) => $"/forms/{portalId}/{formId}";

    private IWebFormsGrain Forms(RequestUser user) => grains.GetGrain<IWebFormsGrain>(user.PortalId);
}
