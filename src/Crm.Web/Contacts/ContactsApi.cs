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

        api.MapPost("/", async (ClaimsPrincipal user, IGrainFactory grains, ContactBody body) =>
        {
            var me = RequestUser.Of(user);
            var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(me.PortalId, "contact")).Next();
            var contact = await Contact(grains, me, id).Create(Fields(body, me), body.CompanyIds ?? [], me.UserId);
            return TypedResults.Created($"/api/contacts/{contact.Id}", contact);
        }).WithName("CreateContact");

        api.MapGet("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id) =>
            TypedResults.Ok(await Contact(grains, RequestUser.Of(user), id).Get())).WithName("GetContact");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id, ContactBody body) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await Contact(grains, me, id).Update(Fields(body, me), body.Version, me.UserId));
        }).WithName("UpdateContact").WithDescription("Replaces the editable fields (not the company links); send the version you edited.");

        api.MapPut("/{id:long}/companies", async (ClaimsPrincipal user, IGrainFactory grains, long id, CompaniesBody body) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await Contact(grains, me, id).SetCompanies(body.CompanyIds ?? [], body.Version, me.UserId));
        }).WithName("SetContactCompanies").WithDescription("Replaces the companies the contact belongs to.");

        api.MapDelete("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id, long? version) =>
        {
            var me = RequestUser.Of(user);
            await Contact(grains, me, id).Delete(version, me.UserId);
            return TypedResults.NoContent();
        }).WithName("DeleteContact");

        api.MapGet("/{id:long}/history", async (ClaimsPrincipal user, IGrainFactory grains, ContactQueries queries, long id) =>
        {
            var me = RequestUser.Of(user);
            await Contact(grains, me, id).Get(); // 404 for unknown and deleted contacts
            return TypedResults.Ok(await queries.GetHistory(me.PortalId, id));
        }).WithName("GetContactHistory");

        api.MapGet("/{id:long}/deals", async (ClaimsPrincipal user, IGrainFactory grains, Deals.DealQueries deals, long id) =>
        {
            var me = RequestUser.Of(user);
            await Contact(grains, me, id).Get();
            return TypedResults.Ok(await deals.OfContact(me.PortalId, id));
        }).WithName("GetContactDeals").WithDescription("The deals naming the contact.");

        return app;
    }

    private static IContactGrain Contact(IGrainFactory grains, RequestUser me, long id) => grains.GetGrain<IContactGrain>(GrainKeys.For(me.PortalId, id));

    private static ContactFields Fields(ContactBody b, RequestUser me) => new(
        b.FirstName ?? "", b.ResponsibleId ?? me.UserId, b.SecondName ?? "", b.LastName ?? "", b.TypeId ?? "", b.Position ?? "",
        b.Phones, b.Emails, b.Address, b.Comments ?? "", CustomInput.Text(b.Custom));
}
