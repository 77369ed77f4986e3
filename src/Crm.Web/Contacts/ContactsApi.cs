using System.Text.Json;
using System.Security.Claims;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Lists;
using Crm.Web.CustomFields;

namespace Crm.Web.Contacts;

/// <summary>The contacts HTTP API (<c>/api/contacts</c>). Commands go to the contact's grain; lists come from the read model.</summary>
public static class ContactsApi
{
    public sealed record ContactBody(
        string? FirstName, string? SecondName, string? LastName, string? TypeId, string? Position,
        IReadOnlyList<ContactPoint>? Phones, IReadOnlyList<ContactPoint>? Emails, Address? Address,
        int? ResponsibleId, string? Comments, IReadOnlyList<long>? CompanyIds, long? Version, IReadOnlyDictionary<string, JsonElement>? Custom = null);

    public sealed record CompaniesBody(IReadOnlyList<long>? CompanyIds, long? Version);

    public static IEndpointRouteBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/contacts").RequireAuthorization().WithTags("Contacts");

        api.MapGet("/", async (ClaimsPrincipal user, ContactQueries queries, ListCatalog catalog, ReadableRowsOf readable, string? typeId, long? companyId, string? search, string? filter,
            string? sort, bool? desc, int? page, int? pageSize) =>
        {
            var order = await catalog.Sort(user.PortalId(), "contact", sort, desc);
            var (offset, size) = Paging.Of(page, pageSize);
            var conditions = await catalog.Filter(user.PortalId(), "contact", filter);
            return TypedResults.Ok(await queries.List(user.PortalId(), await readable.Contacts(RequestUser.Of(user)), typeId, companyId, search, offset, size, conditions, order));
        }).WithName("ListContacts").WithDescription("A page of contacts: filter by type, company or any field (filter: JSON conditions), search names and position, "
            + "sort by any sortable field key or custom field code (default newest first).");

        api.MapPost("/", async (ClaimsPrincipal user, ContactService contacts, ContactBody body) =>
        {
            var me = RequestUser.Of(user);
            var contact = await contacts.Create(me, Fields(body, me), body.CompanyIds ?? []);
            return TypedResults.Created($"/api/contacts/{contact.Id}", contact);
        }).WithName("CreateContact");

        api.MapGet("/{id:long}", async (ClaimsPrincipal user, ContactService contacts, long id) =>
            TypedResults.Ok(await contacts.Get(RequestUser.Of(user), id))).WithName("GetContact");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, ContactService contacts, long id, ContactBody body) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await contacts.Update(me, id, Fields(body, me), body.Version));
        }).WithName("UpdateContact").WithDescription("Replaces the editable fields (not the company links); send the version you edited.");

        api.MapPut("/{id:long}/companies", async (ClaimsPrincipal user, ContactService contacts, long id, CompaniesBody body) =>
            TypedResults.Ok(await contacts.SetCompanies(RequestUser.Of(user), id, body.CompanyIds ?? [], body.Version)))
            .WithName("SetContactCompanies").WithDescription("Replaces the companies the contact belongs to.");

        api.MapDelete("/{id:long}", async (ClaimsPrincipal user, ContactService contacts, long id, long? version) =>
        {
            await contacts.Delete(RequestUser.Of(user), id, version);
            return TypedResults.NoContent();
        }).WithName("DeleteContact");

        api.MapGet("/{id:long}/history", async (ClaimsPrincipal user, ContactService contacts, ContactQueries queries, long id) =>
        {
            var me = RequestUser.Of(user);
            await contacts.Get(me, id); // 404 for unknown and deleted contacts, 403 for one the user may not see
            return TypedResults.Ok(await queries.GetHistory(me.PortalId, id));
        }).WithName("GetContactHistory");

        api.MapGet("/{id:long}/deals", async (ClaimsPrincipal user, ContactService contacts, Deals.DealQueries deals, ReadableRowsOf readable, long id) =>
        {
            var me = RequestUser.Of(user);
            await contacts.Get(me, id);
            return TypedResults.Ok(await deals.OfContact(me.PortalId, await readable.Deals(me, null), id));
        }).WithName("GetContactDeals").WithDescription("The deals naming the contact.");

        return app;
    }

    private static ContactFields Fields(ContactBody b, RequestUser me) => new(
        b.FirstName ?? "", b.ResponsibleId ?? me.UserId, b.SecondName ?? "", b.LastName ?? "", b.TypeId ?? "", b.Position ?? "",
        b.Phones, b.Emails, b.Address, b.Comments ?? "", CustomInput.Text(b.Custom));
}
