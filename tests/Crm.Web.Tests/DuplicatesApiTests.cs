using System.Net.Http.Json;
using System.Text.Json;
using Crm.Web.Duplicates;

namespace Crm.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class DuplicatesApiTests(WebFixture fixture)
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    [Fact]
    public async Task Leads_contacts_and_companies_match_by_phone_digits_email_and_name_within_the_portal_only()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var lead = await (await api.Http.PostAsJsonAsync("/api/leads", new
        {
            firstName = "Ann", lastName = "Lee", companyName = "Harbour Foods",
            phones = new[] { new { value = "+44 20 7946 0018", type = "work" } }, emails = new[] { new { value = "ann@harbour.example", type = "work" } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var contact = await (await api.Http.PostAsJsonAsync("/api/contacts", new { firstName = "ANN", lastName = "lee" })).Content.ReadFromJsonAsync<JsonElement>();
        var company = await (await api.Http.PostAsJsonAsync("/api/companies", new { title = "Harbour Foods" })).Content.ReadFromJsonAsync<JsonElement>();
        var (leadId, contactId, companyId) = (lead.GetProperty("id").GetInt64(), contact.GetProperty("id").GetInt64(), company.GetProperty("id").GetInt64());

        async Task<List<DuplicateMatch>> Find(Crm.TestSupport.SignedInClient client, string query) =>
            (await client.Http.GetFromJsonAsync<List<DuplicateMatch>>($"/api/duplicates?{query}", Json))!;

        Assert.Equal([new DuplicateMatch("lead", leadId, "Ann Lee", "phone")], await Find(api, "phone=" + Uri.EscapeDataString("+44 (20) 7946-0018")));
        Assert.Equal([new DuplicateMatch("lead", leadId, "Ann Lee", "email")], await Find(api, "email=ANN@Harbour.example"));
        Assert.Equal([("lead", leadId), ("contact", contactId)], (await Find(api, "name=" + Uri.EscapeDataString("  ann   LEE "))).Select(m => (m.Kind, m.Id)));
        Assert.Equal([("lead", leadId), ("company", companyId)], (await Find(api, "company=harbour%20foods")).Select(m => (m.Kind, m.Id)));
        Assert.Empty(await Find(api, "phone=12&email=not-an-email&name=%20"));

        var stranger = await fixture.Host.SignIn((await fixture.Host.CreatePortal()).AdminEmail);
        Assert.Empty(await Find(stranger, "name=ann%20lee&company=harbour%20foods&email=ann@harbour.example"));
    }
}
