using System.Text.Json;
using System.Security.Claims;
using Crm.Grains.Deals;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Portals;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Lists;
using Crm.Web.CustomFields;
using Crm.Web.Contacts;

namespace Crm.Web.Companies;

/// <summary>The companies HTTP API (<c>/api/companies</c>).</summary>
public static class CompaniesApi
{
    public sealed record CompanyBody(
        string? Title, string? TypeId, string? IndustryId, decimal? Revenue, string? Currency, string? TaxId,
        IReadOnlyList<ContactPoint>? Phones, IReadOnlyList<ContactPoint>? Emails, Address? Address,
        int? ResponsibleId, string? Comments, long? Version, IReadOnlyDictionary<string, JsonElement>? Custom = null);

    public static IEndpointRouteBuilder MapCompaniesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/companies").RequireAuthorization().WithTags("Companies");

        api.MapGet("/", async (ClaimsPrincipal user, CompanyQueries queries, ListCatalog catalog, ReadableRowsOf readable, string? typeId, string? industryId, string? search, string? filter,
            string? sort, bool? desc, int? page, int? pageSize) =>
        {
            var order = await catalog.Sort(user.PortalId(), "company", sort, desc);
            var (offset, size) = Paging.Of(page, pageSize);
            var conditions = await catalog.Filter(user.PortalId(), "company", filter);
            return TypedResults.Ok(await queries.List(user.PortalId(), await readable.Companies(RequestUser.Of(user)), typeId, industryId, search, offset, size, conditions, order));
        }).WithName("ListCompanies").WithDescription("A page of companies: filter by type, industry or any field (filter: JSON conditions), search name and tax id, "
            + "sort by any sortable field key or custom field code (default name).");

        api.MapPost("/", async (ClaimsPrincipal user, CompanyService companies, CompanyBody body) =>
        {
            var me = RequestUser.Of(user);
            var company = await companies.Create(me, Fields(body, me, Currencies.Default));
            return TypedResults.Created($"/api/companies/{company.Id}", company);
        }).WithName("CreateCompany");

        api.MapGet("/{id:long}", async (ClaimsPrincipal user, CompanyService companies, long id) =>
            TypedResults.Ok(await companies.Get(RequestUser.Of(user), id))).WithName("GetCompany");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, CompanyService companies, long id, CompanyBody body) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await companies.Update(me, id, Fields(body, me, defaultCurrency: null), body.Version));
        }).WithName("UpdateCompany");

        api.MapDelete("/{id:long}", async (ClaimsPrincipal user, CompanyService companies, long id, long? version) =>
        {
            await companies.Delete(RequestUser.Of(user), id, version);
            return TypedResults.NoContent();
        }).WithName("DeleteCompany");

        api.MapGet("/{id:long}/history", async (ClaimsPrincipal user, CompanyService companies, CompanyQueries queries, long id) =>
        {
            var me = RequestUser.Of(user);
            await companies.Get(me, id);
            return TypedResults.Ok(await queries.GetHistory(me.PortalId, id));
        }).WithName("GetCompanyHistory");

        api.MapGet("/{id:long}/contacts", async (ClaimsPrincipal user, CompanyService companies, ContactQueries contacts, ReadableRowsOf readable, long id, int? page, int? pageSize) =>
        {
            var me = RequestUser.Of(user);
            await companies.Get(me, id);
            var (offset, size) = Paging.Of(page, pageSize);
            return TypedResults.Ok(await contacts.List(me.PortalId, await readable.Contacts(me), null, id, null, offset, size));
        }).WithName("GetCompanyContacts").WithDescription("The contacts that belong to the company.");

        api.MapGet("/{id:long}/deals", async (ClaimsPrincipal user, CompanyService companies, Deals.DealQueries deals, ReadableRowsOf readable, long id) =>
        {
            var me = RequestUser.Of(user);
            await companies.Get(me, id);
            return TypedResults.Ok(await deals.OfCompany(me.PortalId, await readable.Deals(me, null), id));
        }).WithName("GetCompanyDeals").WithDescription("The company's deals: those naming it, and those naming one of its contacts.");

        return app;
    }

    private static CompanyFields Fields(CompanyBody b, RequestUser me, string? defaultCurrency) => new(
        b.Title ?? "", b.ResponsibleId ?? me.UserId, b.TypeId ?? "", b.IndustryId ?? "", b.Revenue ?? 0,
        b.Currency ?? defaultCurrency ?? "", b.TaxId ?? "", b.Phones, b.Emails, b.Address, b.Comments ?? "", CustomInput.Text(b.Custom));
}
