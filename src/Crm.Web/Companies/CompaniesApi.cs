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

        api.MapPost("/", async (ClaimsPrincipal user, IGrainFactory grains, CompanyBody body) =>
        {
            var me = RequestUser.Of(user);
            var id = await grains.GetGrain<IRecordIdGrain>(GrainKeys.For(me.PortalId, "company")).Next();
            var company = await Company(grains, me, id).Create(Fields(body, me, Currencies.Default), me.UserId);
            return TypedResults.Created($"/api/companies/{company.Id}", company);
        }).WithName("CreateCompany");

        api.MapGet("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id) =>
            TypedResults.Ok(await Company(grains, RequestUser.Of(user), id).Get())).WithName("GetCompany");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id, CompanyBody body) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await Company(grains, me, id).Update(Fields(body, me, defaultCurrency: null), body.Version, me.UserId));
        }).WithName("UpdateCompany");

        api.MapDelete("/{id:long}", async (ClaimsPrincipal user, IGrainFactory grains, long id, long? version) =>
        {
            var me = RequestUser.Of(user);
            await Company(grains, me, id).Delete(version, me.UserId);
            return TypedResults.NoContent();
        }).WithName("DeleteCompany");

        api.MapGet("/{id:long}/history", async (ClaimsPrincipal user, IGrainFactory grains, CompanyQueries queries, long id) =>
        {
            var me = RequestUser.Of(user);
            await Company(grains, me, id).Get();
            return TypedResults.Ok(await queries.GetHistory(me.PortalId, id));
        }).WithName("GetCompanyHistory");

        api.MapGet("/{id:long}/contacts", async (ClaimsPrincipal user, IGrainFactory grains, ContactQueries contacts, ReadableRowsOf readable, long id, int? page, int? pageSize) =>
        {
            var me = RequestUser.Of(user);
            await Company(grains, me, id).Get();
            var (offset, size) = Paging.Of(page, pageSize);
            return TypedResults.Ok(await contacts.List(me.PortalId, await readable.Contacts(me), null, id, null, offset, size));
        }).WithName("GetCompanyContacts").WithDescription("The contacts that belong to the company.");

        api.MapGet("/{id:long}/deals", async (ClaimsPrincipal user, IGrainFactory grains, Deals.DealQueries deals, long id) =>
        {
            var me = RequestUser.Of(user);
            await Company(grains, me, id).Get();
            return TypedResults.Ok(await deals.OfCompany(me.PortalId, id));
        }).WithName("GetCompanyDeals").WithDescription("The company's deals: those naming it, and those naming one of its contacts.");

        return app;
    }

    private static ICompanyGrain Company(IGrainFactory grains, RequestUser me, long id) => grains.GetGrain<ICompanyGrain>(GrainKeys.For(me.PortalId, id));

    private static CompanyFields Fields(CompanyBody b, RequestUser me, string? defaultCurrency) => new(
        b.Title ?? "", b.ResponsibleId ?? me.UserId, b.TypeId ?? "", b.IndustryId ?? "", b.Revenue ?? 0,
        b.Currency ?? defaultCurrency ?? "", b.TaxId ?? "", b.Phones, b.Emails, b.Address, b.Comments ?? "", CustomInput.Text(b.Custom));
}
