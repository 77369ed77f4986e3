using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.Deals;
using Crm.Grains.Interfaces.Leads;
using Crm.TestSupport;
using Crm.Web.Activities;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Merging duplicates through the real host: values united, links moved, both timelines kept.</summary>
[Collection(WebCollection.Name)]
public sealed class MergeApiTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;
    private SignedInClient _client = default!;

    public async Task InitializeAsync() => _client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Http => _client.Http;

    private async Task<T> Post<T>(string url, object body)
    {
        var response = await Http.PostAsJsonAsync(url, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private Task<T> Merge<T>(string kind, long keep, long merge) => Post<T>("/api/merge", new { keep = new { kind, id = keep }, merge = new { kind, id = merge } });

    [Fact]
    public async Task Two_contacts_become_one_with_both_phones_companies_deals_activities_and_timelines()
    {
        var north = await Post<Company>("/api/companies", new { title = "North Ltd" });
        var south = await Post<Company>("/api/companies", new { title = "South Ltd" });
        var kept = await Post<Contact>("/api/contacts", new { firstName = "Mira", phones = new[] { new { value = "+1 555 0199", type = "work" } }, companyIds = new[] { north.Id } });
        var dup = await Post<Contact>("/api/contacts", new
        {
            firstName = "M.", lastName = "Horvat", position = "Buyer", companyIds = new[] { south.Id },
            phones = new[] { new { value = "1 (555) 0199", type = "mobile" }, new { value = "+1 555 0200", type = "home" } },
            emails = new[] { new { value = "mira@example.com", type = "work" } },
        });
        var deal = await Post<Deal>("/api/deals", new { title = "Mira's order", amount = 10, currency = "USD", pipelineId = fixture.Portal.PipelineId, contactIds = new[] { dup.Id } });
        var call = await Post<ActivityRow>("/api/activities", new { type = "call", subject = "Call Mira", owner = new { kind = "contact", id = dup.Id } });
        Assert.Equal(HttpStatusCode.Created, (await Http.PostAsJsonAsync("/api/comments", new { owner = new { kind = "contact", id = dup.Id }, text = "Prefers mornings" })).StatusCode);

        var merged = await Merge<Contact>("contact", kept.Id, dup.Id);

        // Kept values win, empty ones are filled; the same number in another form is not added twice.
        Assert.Equal(("Mira", "Horvat", "Buyer"), (merged.Fields.FirstName, merged.Fields.LastName, merged.Fields.Position));
        Assert.Equal(["+1 555 0199", "+1 555 0200"], merged.Fields.Phones!.Select(p => p.Value));
        Assert.Equal(["mira@example.com"], merged.Fields.Emails!.Select(p => p.Value));
        Assert.Equal([north.Id, south.Id], merged.CompanyIds);
        Assert.Equal([kept.Id], (await Http.GetFromJsonAsync<Deal>($"/api/deals/{deal.Id}", Json))!.ContactIds!);
        Assert.Equal(kept.Id, (await Http.GetFromJsonAsync<List<ActivityRow>>($"/api/activities?ownerKind=contact&ownerId={kept.Id}", Json))!.Single(a => a.Id == call.Id).OwnerId);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/contacts/{dup.Id}")).StatusCode);

        var timeline = (await Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/contacts/{kept.Id}/history", Json))!;
        Assert.Contains(timeline, e => e.Action == "merged" && e.Changes.Contains(new FieldChange("mergedFrom", null, dup.Id.ToString())));
        Assert.Contains(timeline, e => e.Action == "commented" && e.Changes.Single().New == "Prefers mornings");
        Assert.Contains(timeline, e => e.Action == "created" && e.Changes.Contains(new FieldChange("lastName", null, "Horvat")));
    }

    [Fact]
    public async Task A_merged_company_hands_over_its_contacts_and_deals()
    {
        var kept = await Post<Company>("/api/companies", new { title = "Acme" });
        var dup = await Post<Company>("/api/companies", new { title = "ACME Inc.", taxId = "HR123", revenue = 5000, currency = "EUR" });
        var contact = await Post<Contact>("/api/contacts", new { firstName = "Ivo", companyIds = new[] { dup.Id } });
        var deal = await Post<Deal>("/api/deals", new { title = "Acme order", amount = 10, currency = "USD", pipelineId = fixture.Portal.PipelineId, companyId = dup.Id });

        var merged = await Merge<Company>("company", kept.Id, dup.Id);

        Assert.Equal(("Acme", "HR123", 5000m, "EUR"), (merged.Fields.Title, merged.Fields.TaxId, merged.Fields.Revenue, merged.Fields.Currency));
        Assert.Equal([kept.Id], (await Http.GetFromJsonAsync<Contact>($"/api/contacts/{contact.Id}", Json))!.CompanyIds);
        Assert.Equal(kept.Id, (await Http.GetFromJsonAsync<Deal>($"/api/deals/{deal.Id}", Json))!.CompanyId);
    }

    [Fact]
    public async Task Self_cross_type_unsupported_converted_and_unknown_merges_are_refused_and_change_nothing()
    {
        var lead = await Post<Lead>("/api/leads", new { title = "Lead to keep" });
        var other = await Post<Lead>("/api/leads", new { title = "Other lead", firstName = "Ana" });
        var contact = await Post<Contact>("/api/contacts", new { firstName = "Ana" });
        async Task Refused(object body, HttpStatusCode status, string code) => await ProblemOf(await Http.PostAsJsonAsync("/api/merge", body), status, code);

        await Refused(new { keep = new { kind = "lead", id = lead.Id }, merge = new { kind = "lead", id = lead.Id } }, HttpStatusCode.BadRequest, "merge_same_record");
        await Refused(new { keep = new { kind = "lead", id = lead.Id }, merge = new { kind = "contact", id = contact.Id } }, HttpStatusCode.BadRequest, "merge_across_types");
        await Refused(new { keep = new { kind = "deal", id = 1 }, merge = new { kind = "deal", id = 2 } }, HttpStatusCode.BadRequest, "merge_not_supported");
        await Refused(new { keep = new { kind = "lead", id = lead.Id }, merge = new { kind = "lead", id = 987_654_321 } }, HttpStatusCode.NotFound, "lead_not_found");
        await Refused(new { keep = new { kind = "lead", id = lead.Id } }, HttpStatusCode.BadRequest, "merge_required");
        Assert.Equal(HttpStatusCode.OK, (await Http.PostAsJsonAsync($"/api/leads/{other.Id}/convert", new { contact = true })).StatusCode);
        await Refused(new { keep = new { kind = "lead", id = lead.Id }, merge = new { kind = "lead", id = other.Id } }, HttpStatusCode.BadRequest, "lead_converted");

        Assert.Equal(1, (await Http.GetFromJsonAsync<Lead>($"/api/leads/{lead.Id}", Json))!.Version);
        Assert.Equal(1, (await Http.GetFromJsonAsync<Contact>($"/api/contacts/{contact.Id}", Json))!.Version);

        var fresh = await Post<Lead>("/api/leads", new { title = "Dup", lastName = "Kos", phones = new[] { new { value = "+385 1 2345", type = "work" } } });
        var merged = await Merge<Lead>("lead", lead.Id, fresh.Id);
        Assert.Equal(("Lead to keep", "Kos", 1), (merged.Fields.Title, merged.Fields.LastName, merged.Fields.Phones!.Count));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/leads/{fresh.Id}")).StatusCode);
    }
}
