namespace Crm.Grains.Interfaces.Forms;

/// <summary>The web forms of one portal; key: the portal id.</summary>
public interface IWebFormsGrain : IGrainWithIntegerKey
{
    /// <summary>Every form, in the order of their ids.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<WebForm>> GetAll();

    /// <summary>The form, or null when the portal has none with this id.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<WebForm?> Get(string formId);

    /// <summary>Adds or replaces the form (checked as a whole; a refusal changes nothing); returns it as stored.</summary>
    Task<WebForm> Set(WebForm form, int actorId);

    /// <summary>Removes the form; NotFound when there is none.</summary>
    Task Delete(string formId, int actorId);
}
