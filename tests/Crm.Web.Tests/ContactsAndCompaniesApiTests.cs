using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;
using Crm.TestSupport;
using Crm.Web.Companies;
using Crm.Web.Contacts;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class ContactsAndCompaniesApiTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;
    private SignedInClient _client = default!;

    public async Task InitializeAsync() => _client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Http => _client.Http;

    private async Task<T> Created<T>(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private async Task<long> Count(string table)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand($"SELECT count(*) FROM {table} WHERE portal_id = {fixture.Portal.PortalId}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_contact_belongs_to_several_companies_and_each_company_lists_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var acme = await Created<Company>("/api/companies", new
        {
            title = $"Acme {tag}", typeId = "customer", industryId = "manufacturing", revenue = 2500000, currency = "eur", taxId = "SI 1234-5678",
            address = new { street = "Dunajska 1", city = "Ljubljana", postalCode = "1000", country = "Slovenia" },
            phones = new[] { new { value = "+386 1 200 3000", type = "work" } },
        });
        var globex = await Created<Company>("/api/companies", new { title = $"Globex {tag}" });
        Assert.Equal(("CUSTOMER", "MANUFACTURING", "EUR", 1L), (acme.Fields.TypeId, acme.Fields.IndustryId, acme.Fields.Currency, acme.Version));

        var contact = await Created<Contact>("/api/contacts", new
        {
            firstName = "Petra", lastName = $"Kos{tag}", typeId = "client", position = "Buyer",
            emails = new[] { new { value = "Petra@Acme.example", type = "work" } }, companyIds = new[] { acme.Id, acme.Id },
        });
        Assert.Equal([acme.Id], contact.CompanyIds); // repeats dropped

        var linked = await Http.PutAsJsonAsync($"/api/contacts/{contact.Id}/companies", new { companyIds = new[] { acme.Id, globex.Id }, version = 1 });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);

        foreach (var company in new[] { acme, globex })
        {
            var contacts = (await Http.GetFromJsonAsync<ContactPage>($"/api/companies/{company.Id}/contacts", Json))!;
            Assert.Equal(contact.Id, Assert.Single(contacts.Items).Id);
        }
        var history = (await Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/contacts/{contact.Id}/history", Json))!;
        Assert.Equal(["companies changed", "created"], history.Select(h => h.Action));
        Assert.Equal((acme.Id.ToString(), $"{acme.Id}, {globex.Id}"), (history[0].Changes.Single().Old, history[0].Changes.Single().New));

        // Edit a company: its timeline shows old -> new; the list finds it by name and tax id.
        var edited = await Http.PutAsJsonAsync($"/api/companies/{acme.Id}", new { title = $"Acme Group {tag}", currency = "EUR", revenue = 3000000, taxId = "SI 1234-5678", version = 1 });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var companyHistory = (await Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/companies/{acme.Id}/history", Json))!;
        Assert.Contains(companyHistory[0].Changes, c => c.Field == "title" && c.Old == $"Acme {tag}" && c.New == $"Acme Group {tag}");
        Assert.Contains(companyHistory[0].Changes, c => c.Field == "address" && c.Old == "Dunajska 1, 1000, Ljubljana, Slovenia" && c.New == "");
        var found = (await Http.GetFromJsonAsync<CompanyPage>($"/api/companies?search=group%20{tag}", Json))!;
        Assert.Equal(acme.Id, Assert.Single(found.Items).Id);
        var byName = (await Http.GetFromJsonAsync<ContactPage>($"/api/contacts?search=kos{tag}", Json))!;
        Assert.Equal(contact.Id, Assert.Single(byName.Items).Id);

        // A deleted contact leaves the company's list.
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/contacts/{contact.Id}")).StatusCode);
        Assert.Empty((await Http.GetFromJsonAsync<ContactPage>($"/api/companies/{globex.Id}/contacts", Json))!.Items);
        await Problem(await Http.GetAsync($"/api/contacts/{contact.Id}"), HttpStatusCode.NotFound, "contact_not_found");
    }

    public static TheoryData<string, string, string, string> BadBodies => new()
    {
        { "/api/contacts", """{"firstName":"","lastName":" "}""", "name_required", "firstName" },
        { "/api/contacts", """{"firstName":"A","typeId":"ENEMY"}""", "unknown_type", "typeId" },
        { "/api/contacts", """{"firstName":"A","phones":[{"value":"12","type":"mobile"}]}""", "invalid_phone", "phones[0].value" },
        { "/api/contacts", """{"firstName":"A","emails":[{"value":"a@b","type":"work"}]}""", "invalid_email", "emails[0].value" },
        { "/api/contacts", """{"firstName":"A","companyIds":[987654]}""", "unknown_company", "companyIds" },
        { "/api/contacts", """{"firstName":"A","address":{"postalCode":"123456789012345678901"}}""", "address_postalCode_too_long", "address.postalCode" },
        { "/api/contacts", """{"firstName":"A","responsibleId":987654}""", "unknown_responsible", "responsibleId" },
        { "/api/companies", """{"title":""}""", "title_required", "title" },
        { "/api/companies", """{"title":"C","typeId":"FRIEND"}""", "unknown_type", "typeId" },
        { "/api/companies", """{"title":"C","industryId":"ALCHEMY"}""", "unknown_industry", "industryId" },
        { "/api/companies", """{"title":"C","revenue":-1}""", "negative_amount", "revenue" },
        { "/api/companies", """{"title":"C","currency":"DOGE"}""", "unknown_currency", "currency" },
        { "/api/companies", """{"title":"C","taxId":"=HYPERLINK(1)"}""", "invalid_tax_id", "taxId" },
        { "/api/companies", """{"title":"C","emails":[{"value":"x@y.example","type":"mobile"}]}""", "invalid_type", "emails[0].type" },
        { "/api/companies", """{"title":"C","revenue":"lots"}""", "invalid_json", "revenue" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_gets_a_clear_error_and_creates_nothing(string path, string body, string code, string field)
    {
        var table = path.EndsWith("contacts") ? "contacts" : "companies";
        var before = await Count(table);
        var problem = await ProblemOf(await Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, code);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await Count(table));
    }

    [Fact]
    public async Task Links_to_another_portals_company_stale_edits_and_deleted_companies_are_refused()
    {
        // Two new portals: ids are per portal, so portal B's company 1 must mean nothing in portal A.
        var a = await fixture.Host.SignIn((await fixture.Host.CreatePortal()).AdminEmail);
        var b = await fixture.Host.SignIn((await fixture.Host.CreatePortal()).AdminEmail);
        var theirs = (await (await b.Http.PostAsJsonAsync("/api/companies", new { title = "Their company" })).Content.ReadFromJsonAsync<Company>(Json))!;
        var contact = (await (await a.Http.PostAsJsonAsync("/api/contacts", new { firstName = "Linked" })).Content.ReadFromJsonAsync<Contact>(Json))!;

        await Problem(await a.Http.PutAsJsonAsync($"/api/contacts/{contact.Id}/companies", new { companyIds = new[] { theirs.Id } }), HttpStatusCode.BadRequest, "unknown_company");
        await Problem(await a.Http.GetAsync($"/api/companies/{theirs.Id}"), HttpStatusCode.NotFound, "company_not_found");
        await Problem(await a.Http.GetAsync($"/api/companies/{theirs.Id}/contacts"), HttpStatusCode.NotFound, "company_not_found");
        await Problem(await b.Http.GetAsync($"/api/contacts/{contact.Id}"), HttpStatusCode.NotFound, "contact_not_found");
        Assert.Empty((await b.Http.GetFromJsonAsync<ContactPage>("/api/contacts", Json))!.Items);

        await Problem(await a.Http.PutAsJsonAsync($"/api/contacts/{contact.Id}", new { firstName = "Stale", version = 9 }), HttpStatusCode.Conflict, "version_conflict");
        var mine = (await (await a.Http.PostAsJsonAsync("/api/companies", new { title = "Home company" })).Content.ReadFromJsonAsync<Company>(Json))!;
        Assert.Equal(HttpStatusCode.NoContent, (await a.Http.DeleteAsync($"/api/companies/{mine.Id}?version=1")).StatusCode);
        await Problem(await a.Http.PutAsJsonAsync($"/api/contacts/{contact.Id}/companies", new { companyIds = new[] { mine.Id } }), HttpStatusCode.BadRequest, "unknown_company");

        var stored = (await a.Http.GetFromJsonAsync<Contact>($"/api/contacts/{contact.Id}", Json))!;
        Assert.Equal(("Linked", 1L, 0), (stored.Fields.FirstName, stored.Version, stored.CompanyIds.Count));
    }

    [Fact]
    public async Task A_deal_naming_a_contact_shows_on_the_contact_and_on_the_contacts_companies()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        async Task<T> Post<T>(string path, object body)
        {
            var response = await api.Http.PostAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<T>(Json))!;
        }
        var north = await Post<Company>("/api/companies", new { title = "North" });
        var south = await Post<Company>("/api/companies", new { title = "South" });
        var lone = await Post<Company>("/api/companies", new { title = "Lone" });
        var eva = await Post<Contact>("/api/contacts", new { firstName = "Eva", companyIds = new[] { north.Id, south.Id } });

        var viaContact = await Post<Crm.Grains.Interfaces.Deals.Deal>("/api/deals", new { title = "Through Eva", amount = 10, contactIds = new[] { eva.Id } });
        var direct = await Post<Crm.Grains.Interfaces.Deals.Deal>("/api/deals", new { title = "Straight to Lone", amount = 20, companyId = lone.Id });
        Assert.Equal([eva.Id], viaContact.ContactIds!);
        Assert.Equal(lone.Id, direct.CompanyId);

        async Task<long[]> Deals(string path) =>
            (await api.Http.GetFromJsonAsync<List<Crm.Grains.Interfaces.Deals.Deal>>(path, Json))!.Select(d => d.Id).ToArray();
        Assert.Equal([viaContact.Id], await Deals($"/api/contacts/{eva.Id}/deals"));
        Assert.Equal([viaContact.Id], await Deals($"/api/companies/{north.Id}/deals"));
        Assert.Equal([viaContact.Id], await Deals($"/api/companies/{south.Id}/deals"));
        Assert.Equal([direct.Id], await Deals($"/api/companies/{lone.Id}/deals"));

        // Eva leaves South: the deal leaves South's card with her.
        await api.Http.PutAsJsonAsync($"/api/contacts/{eva.Id}/companies", new { companyIds = new[] { north.Id } });
        Assert.Empty(await Deals($"/api/companies/{south.Id}/deals"));
        var history = (await api.Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/deals/{viaContact.Id}/history", Json))!;
        Assert.Contains(history.Single().Changes, c => c.Field == "contactIds" && c.New == eva.Id.ToString());

        // Links to records that do not exist (or belong to another portal) are refused, and change nothing.
        await Problem(await api.Http.PostAsJsonAsync("/api/deals", new { title = "Ghost", amount = 1, companyId = 98765 }), HttpStatusCode.BadRequest, "unknown_company");
        await Problem(await api.Http.PutAsJsonAsync($"/api/deals/{direct.Id}", new { title = "Ghost", amount = 1, currency = "USD", contactIds = new[] { 98765 } }),
            HttpStatusCode.BadRequest, "unknown_contact");
        var stored = (await api.Http.GetFromJsonAsync<Crm.Grains.Interfaces.Deals.Deal>($"/api/deals/{direct.Id}", Json))!;
        Assert.Equal(("Straight to Lone", 1L, lone.Id), (stored.Title, stored.Version, stored.CompanyId));
    }
}
