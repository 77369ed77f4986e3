namespace Crm.Grains.Interfaces.Forms;

/// <summary>
/// A web form a portal publishes (Bitrix24's CRM form): a page any site can link to or embed that asks
/// a client for the fields chosen here. A filled form fires the WebForm triggers of the client's open
/// leads and deals, or, for a client we do not know yet, creates a lead (source "Web form") for
/// <see cref="ResponsibleId"/>. <see cref="Id"/> is a slug chosen by the admin; it names the form in
/// its public address and in triggers.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.web-form")]
public sealed record WebForm(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] int ResponsibleId,
    [property: Id(3)] bool AskName = true,
    [property: Id(4)] bool AskEmail = true,
    [property: Id(5)] bool AskPhone = true,
    [property: Id(6)] bool AskMessage = true,
    /// <summary>What the client reads after sending.</summary>
    [property: Id(7)] string SuccessText = "Thank you! We will be in touch soon.",
    /// <summary>An inactive form is not shown and takes nothing.</summary>
    [property: Id(8)] bool Active = true);

/// <summary>What a client sent through a form; fields the form does not ask for must be empty.</summary>
[GenerateSerializer, Immutable, Alias("crm.web-form-entry")]
public sealed record WebFormEntry(
    [property: Id(0)] string? Name = null,
    [property: Id(1)] string? Email = null,
    [property: Id(2)] string? Phone = null,
    [property: Id(3)] string? Message = null);
