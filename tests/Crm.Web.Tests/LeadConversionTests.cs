using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.TestSupport;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Converting a lead into a contact, a company and a deal: linked, all or nothing.</summary>
[Collection(WebCollection.Name)]
public sealed class LeadConversionTests(WebFixture fixture)
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    private static async Task<Lead> NewLead(SignedInClient api, object body)
    {
        var response = await api.Http.PostAsJsonAsync("/api/leads", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Lead>(Json))!;
    }

    private async Task<(long Contacts, long Companies, long Deals)> Counts(int portalId)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand($"""
            SELECT (SELECT count(*) FROM contacts WHERE portal_id = {portalId} AND NOT is_deleted),
                   (SELECT count(*) FROM companies WHERE portal_id = {portalId} AND NOT is_deleted),
                   (SELECT count(*) FROM deals WHERE portal_id = {portalId} AND NOT is_deleted)
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    [Fact]
    public async Task A_lead_becomes_a_contact_of_a_new_company_and_a_deal_of_both_and_ends_converted_with_links()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var lead = await NewLead(api, new
        {
            firstName = "Nina", lastName = "Berg", companyName = "Fjord Fisheries", amount = 4200, currency = "NOK",
            phones = new[] { new { value = "+47 22 12 34 56", type = "work" } }, emails = new[] { new { value = "nina@fjord.example", type = "work" } },
        });

        var response = await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { contact = true, company = true, deal = true, version = 1 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var converted = (await response.Content.ReadFromJsonAsync<Lead>(Json))!;
        Assert.Equal(("CONVERTED", 2L), (converted.StatusId, converted.Version));
        var ids = converted.Conversion!;

        var contact = (await api.Http.GetFromJsonAsync<Contact>($"/api/contacts/{ids.ContactId}", Json))!;
        var company = (await api.Http.GetFromJsonAsync<Company>($"/api/companies/{ids.CompanyId}", Json))!;
        var deal = (await api.Http.GetFromJsonAsync<Deal>($"/api/deals/{ids.DealId}", Json))!;
        Assert.Equal(("Nina", "Berg", "CLIENT"), (contact.Fields.FirstName, contact.Fields.LastName, contact.Fields.TypeId));
        Assert.Equal("+47 22 12 34 56", contact.Fields.Phones!.Single().Value);
        Assert.Equal([company.Id], contact.CompanyIds);
        Assert.Equal("Fjord Fisheries", company.Fields.Title);
        Assert.Equal(("Nina Berg", 4200m, "NOK", company.Id, portal.PipelineId), (deal.Title, deal.Amount, deal.Currency, deal.CompanyId, deal.PipelineId));
        Assert.Equal([contact.Id], deal.ContactIds!);

        var history = (await api.Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/leads/{lead.Id}/history", Json))!;
        Assert.Equal("converted", history[0].Action);
        Assert.Contains(history[0].Changes, c => c.Field == "convertedTo" && c.New == $"contact {contact.Id}, company {company.Id}, deal {deal.Id}");

        // Converted is final: no second conversion, no status change.
        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { deal = true }), HttpStatusCode.Conflict, "lead_converted");
        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new { statusId = "NEW" }), HttpStatusCode.Conflict, "lead_converted");
    }

    [Fact]
    public async Task What_the_lead_lacks_is_asked_for_and_a_refused_conversion_creates_nothing()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var lead = await NewLead(api, new { title = "Inbound call", amount = 10 });
        var before = await Counts(portal.PortalId);

        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { contact = true, company = true }), HttpStatusCode.BadRequest, "contact_name_required");
        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { contact = true, company = true, contactLastName = "Hale" }), HttpStatusCode.BadRequest, "company_name_required");
        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { deal = true, pipelineId = 98765 }), HttpStatusCode.BadRequest, "unknown_pipeline");
        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { }), HttpStatusCode.BadRequest, "nothing_to_convert");
        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { deal = true, version = 5 }), HttpStatusCode.Conflict, "version_conflict");
        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { contact = true, contactFirstName = new string('x', 101) }), HttpStatusCode.BadRequest, "firstName_too_long");
        Assert.Equal(before, await Counts(portal.PortalId));
        Assert.Equal(("NEW", 1L), ((await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{lead.Id}", Json))!.StatusId, (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{lead.Id}", Json))!.Version));

        // Given what was missing, it converts.
        var ok = await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { contact = true, company = true, contactLastName = "Hale", companyTitle = "Hale Ltd" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal((before.Contacts + 1, before.Companies + 1, before.Deals), await Counts(portal.PortalId));

        // A junk lead cannot be converted.
        var junk = await NewLead(api, new { title = "Spam", firstName = "No", lastName = "Body" });
        await api.Http.PostAsJsonAsync($"/api/leads/{junk.Id}/status", new { statusId = "JUNK" });
        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{junk.Id}/convert", new { contact = true }), HttpStatusCode.BadRequest, "lead_is_junk");
    }

    private static async Task<CustomField> AddField(SignedInClient api, string recordKind, string label, string type, bool required = false)
    {
        var response = await api.Http.PostAsJsonAsync("/api/custom-fields", new { recordKind, label, type, required });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CustomField>(Json))!;
    }

    [Fact]
    public async Task Required_custom_fields_of_the_targets_are_asked_for_and_given_values_are_stored_on_the_new_records()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var birthday = await AddField(api, "contact", "Birthday", "date", required: true);
        var contract = await AddField(api, "deal", "Contract no.", "string", required: true);
        var manager = await AddField(api, "deal", "Manager", "user");
        var lead = await NewLead(api, new { firstName = "Nina", lastName = "Berg", amount = 100 });
        var before = await Counts(portal.PortalId);

        var contactMissing = await ProblemOf(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new { contact = true, deal = true }),
            HttpStatusCode.BadRequest, "custom_field_required");
        Assert.Equal($"contactCustom.{birthday.Code}", contactMissing.GetProperty("field").GetString());
        Assert.Contains("new contact needs 'Birthday'", contactMissing.GetProperty("detail").GetString());
        var dealMissing = await ProblemOf(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new
        {
            contact = true, deal = true, contactCustom = new Dictionary<string, object> { [birthday.Code] = "1990-05-01" },
        }), HttpStatusCode.BadRequest, "custom_field_required");
        Assert.Equal($"dealCustom.{contract.Code}", dealMissing.GetProperty("field").GetString());
        await Problem(await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new
        {
            deal = true, dealCustom = new Dictionary<string, object> { [contract.Code] = "C-1", [manager.Code] = 987654 },
        }), HttpStatusCode.BadRequest, "unknown_user");
        Assert.Equal(before, await Counts(portal.PortalId));
        var unchanged = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{lead.Id}", Json))!;
        Assert.Equal(("NEW", 1L, (LeadConversion?)null), (unchanged.StatusId, unchanged.Version, unchanged.Conversion));

        // Only the chosen targets' fields are needed: a company alone needs none of these.
        var response = await api.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/convert", new
        {
            contact = true, deal = true,
            contactCustom = new Dictionary<string, object> { [birthday.Code] = "1990-05-01" },
            dealCustom = new Dictionary<string, object> { [contract.Code] = "C-1", [manager.Code] = portal.SecondId },
            companyCustom = new Dictionary<string, object> { ["UF_CRM_999"] = "ignored: no company is made" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await response.Content.ReadFromJsonAsync<Lead>(Json))!.Conversion!;
        var contact = (await api.Http.GetFromJsonAsync<Contact>($"/api/contacts/{ids.ContactId}", Json))!;
        var deal = (await api.Http.GetFromJsonAsync<Deal>($"/api/deals/{ids.DealId}", Json))!;
        Assert.Equal(new Dictionary<string, string> { [birthday.Code] = "1990-05-01" }, contact.Fields.Custom);
        Assert.Equal(new Dictionary<string, string> { [contract.Code] = "C-1", [manager.Code] = portal.SecondId.ToString() }, deal.Custom);
        Assert.Equal((before.Contacts + 1, before.Companies, before.Deals + 1), await Counts(portal.PortalId));
    }

    [Fact]
    public async Task A_deal_created_through_the_api_without_its_required_custom_fields_is_refused()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var contract = await AddField(api, "deal", "Contract no.", "string", required: true);
        var before = await Counts(portal.PortalId);

        var refused = await ProblemOf(await api.Http.PostAsJsonAsync("/api/deals", new { pipelineId = portal.PipelineId, title = "Quick deal" }),
            HttpStatusCode.BadRequest, "custom_field_required");
        Assert.Equal($"custom.{contract.Code}", refused.GetProperty("field").GetString());
        Assert.Equal(before, await Counts(portal.PortalId));

        var created = await api.Http.PostAsJsonAsync("/api/deals", new
        {
            pipelineId = portal.PipelineId, title = "Quick deal", custom = new Dictionary<string, object> { [contract.Code] = "C-2" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("C-2", (await created.Content.ReadFromJsonAsync<Deal>(Json))!.Custom![contract.Code]);
    }
}
