using System.Text.Json;
using System.Security.Claims;
using Crm.Grains.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.Web.Access;
using Crm.Web.Api;
using Crm.Web.Lists;
using Crm.Web.CustomFields;

namespace Crm.Web.Leads;

/// <summary>The leads HTTP API (<c>/api/leads</c>). Commands go to the lead's grain; lists come from the read model.</summary>
public static class LeadsApi
{
    /// <summary>A lead's editable fields as the API takes them; absent fields are empty (an edit sends them all).</summary>
    public sealed record LeadBody(
        string? Title, string? FirstName, string? SecondName, string? LastName, string? CompanyName,
        IReadOnlyList<ContactPoint>? Phones, IReadOnlyList<ContactPoint>? Emails, string? SourceId, string? SourceDescription,
        Utm? Utm, decimal? Amount, string? Currency, int? ResponsibleId, string? Comments, string? StatusId, long? Version, IReadOnlyDictionary<string, JsonElement>? Custom = null);

    public sealed record StatusBody(string? StatusId, long? Version);

    /// <summary>What to convert into; <c>contactCustom</c>, <c>companyCustom</c> and <c>dealCustom</c> give each target's custom values by code.</summary>
    public sealed record ConvertBody(bool? Contact, bool? Company, bool? Deal, long? PipelineId, string? ContactFirstName,
        string? ContactLastName, string? CompanyTitle, string? DealTitle, long? Version,
        IReadOnlyDictionary<string, JsonElement>? ContactCustom = null, IReadOnlyDictionary<string, JsonElement>? CompanyCustom = null,
        IReadOnlyDictionary<string, JsonElement>? DealCustom = null);

    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/leads").RequireAuthorization().WithTags("Leads");

        api.MapGet("/", async (ClaimsPrincipal user, LeadQueries queries, ListCatalog catalog, ReadableRowsOf readable, string? statusId, string? search, string? filter, string? sort, bool? desc, int? page, int? pageSize) =>
        {
            var order = await catalog.Sort(user.PortalId(), "lead", sort, desc);
            var (offset, size) = Paging.Of(page, pageSize);
            var conditions = await catalog.Filter(user.PortalId(), "lead", filter);
            return TypedResults.Ok(await queries.List(user.PortalId(), await readable.Leads(RequestUser.Of(user)), statusId, search, order, offset, size, conditions));
        }).WithName("ListLeads").WithDescription("A page of leads: filter by status or by any field (filter: JSON conditions, see /api/list-fields/lead), search title, names and company, "
            + "sort by any sortable field key or custom field code (default id).");

        api.MapPost("/", async (ClaimsPrincipal user, LeadService leads, LeadBody body) =>
        {
            var me = RequestUser.Of(user);
            var lead = await leads.Create(me, Fields(body, me, Currencies.Default), body.StatusId);
            return TypedResults.Created($"/api/leads/{lead.Id}", lead);
        }).WithName("CreateLead");

        api.MapGet("/{id:long}", async (ClaimsPrincipal user, LeadService leads, long id) =>
            TypedResults.Ok(await leads.Get(RequestUser.Of(user), id))).WithName("GetLead");

        api.MapPut("/{id:long}", async (ClaimsPrincipal user, LeadService leads, long id, LeadBody body) =>
        {
            var me = RequestUser.Of(user);
            return TypedResults.Ok(await leads.Update(me, id, Fields(body, me, defaultCurrency: null), body.Version));
        }).WithName("UpdateLead").WithDescription("Replaces the editable fields; send the version you edited to detect conflicts.");

        api.MapPost("/{id:long}/status", async (ClaimsPrincipal user, LeadService leads, long id, StatusBody body) =>
            TypedResults.Ok(await leads.SetStatus(RequestUser.Of(user), id, body.StatusId ?? "", body.Version)))
            .WithName("SetLeadStatus").WithDescription("Moves the lead to an in-progress or junk status.");

        api.MapPost("/{id:long}/convert", async (ClaimsPrincipal user, LeadService leads, long id, ConvertBody body) =>
            TypedResults.Ok(await leads.Convert(RequestUser.Of(user), id, new LeadConversionRequest(body.Contact ?? false, body.Company ?? false,
                body.Deal ?? false, body.PipelineId, body.ContactFirstName, body.ContactLastName, body.CompanyTitle, body.DealTitle,
                CustomInput.Text(body.ContactCustom, "contactCustom"), CustomInput.Text(body.CompanyCustom, "companyCustom"),
                CustomInput.Text(body.DealCustom, "dealCustom")), body.Version)))
            .WithName("ConvertLead").WithDescription("Turns the lead into a contact, a company and/or a deal, all or nothing; the answer is the converted lead with the new ids. "
                + "The targets' required custom fields are given in contactCustom, companyCustom and dealCustom (the lead has none of theirs).");

        api.MapDelete("/{id:long}", async (ClaimsPrincipal user, LeadService leads, long id, long? version) =>
        {
            await leads.Delete(RequestUser.Of(user), id, version);
            return TypedResults.NoContent();
        }).WithName("DeleteLead");

        api.MapGet("/{id:long}/history", async (ClaimsPrincipal user, LeadService leads, LeadQueries queries, long id) =>
        {
            var me = RequestUser.Of(user);
            await leads.Get(me, id); // 404 for unknown and deleted leads
            return TypedResults.Ok(await queries.GetHistory(me.PortalId, id));
        }).WithName("GetLeadHistory").WithDescription("The lead's timeline, newest first.");

        return app;
    }

    private static LeadFields Fields(LeadBody body, RequestUser me, string? defaultCurrency) => new(
        body.Title ?? "", body.ResponsibleId ?? me.UserId, body.FirstName ?? "", body.SecondName ?? "", body.LastName ?? "",
        body.CompanyName ?? "", body.Phones, body.Emails, body.SourceId ?? "", body.SourceDescription ?? "", body.Utm,
        body.Amount ?? 0, body.Currency ?? defaultCurrency ?? "", body.Comments ?? "", CustomInput.Text(body.Custom));
}
