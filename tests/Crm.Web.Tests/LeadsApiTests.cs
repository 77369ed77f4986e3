using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Settings;
using Crm.TestSupport;
using Crm.Web.Leads;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

[Collection(WebCollection.Name)]
public sealed class LeadsApiTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;
    private SignedInClient _client = default!;

    public async Task InitializeAsync() => _client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Http => _client.Http;

    private async Task<Lead> Create(object body)
    {
        var response = await Http.PostAsJsonAsync("/api/leads", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Lead>(Json))!;
    }

    private async Task<Lead> Get(long id) => (await Http.GetFromJsonAsync<Lead>($"/api/leads/{id}", Json))!;

    private async Task<(int Rows, int History)> Counts()
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand($"""
            SELECT (SELECT count(*) FROM leads WHERE portal_id = {fixture.Portal.PortalId}),
                   (SELECT count(*) FROM lead_history WHERE portal_id = {fixture.Portal.PortalId})
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    [Fact]
    public async Task A_lead_with_typed_phones_and_emails_source_and_utm_is_created_edited_moved_and_junked_with_its_timeline()
    {
        var lead = await Create(new
        {
            firstName = " Jana ", lastName = "Novak", companyName = "Blue Lake d.o.o.",
            phones = new[] { new { value = "+386 (1) 234-5678", type = "work" }, new { value = "041 555 666", type = "mobile" } },
            emails = new[] { new { value = "Jana.Novak@BlueLake.example", type = "work" } },
            sourceId = "webform", sourceDescription = "Contact form on /pricing",
            utm = new { source = "google", medium = "cpc", campaign = "spring" },
            amount = 1200.5m, currency = "eur",
        });

        // Normalised: trimmed names, a title from the name, upper-case source and currency, the first status.
        Assert.Equal(("Jana", "Jana Novak", "WEBFORM", "EUR", "NEW", 1L), (lead.Fields.FirstName, lead.Fields.Title, lead.Fields.SourceId, lead.Fields.Currency, lead.StatusId, lead.Version));
        Assert.Equal([new("+386 (1) 234-5678", ContactPointType.Work), new("041 555 666", ContactPointType.Mobile)], lead.Fields.Phones!);
        Assert.Equal("jana.novak@bluelake.example", lead.Fields.Emails![0].Value);
        Assert.Equal(fixture.Portal.AdminId, lead.Fields.ResponsibleId);

        var edited = await Http.PutAsJsonAsync($"/api/leads/{lead.Id}", new
        {
            title = "Jana Novak, pricing", firstName = "Jana", lastName = "Novak", companyName = "Blue Lake d.o.o.",
            phones = new[] { new { value = "+386 1 234 5678", type = "work" } }, emails = lead.Fields.Emails,
            sourceId = "WEBFORM", amount = 1500, currency = "EUR", responsibleId = fixture.Portal.SecondId, version = 1,
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var moved = await Http.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new { statusId = "IN_PROCESS", version = 2 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var junked = (await (await Http.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new { statusId = "JUNK" })).Content.ReadFromJsonAsync<Lead>(Json))!;
        Assert.Equal(("JUNK", 4L, fixture.Portal.SecondId), (junked.StatusId, junked.Version, junked.Fields.ResponsibleId));

        var history = (await Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/leads/{lead.Id}/history", Json))!;
        Assert.Equal(["junked", "status changed", "updated", "created"], history.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal(fixture.Portal.AdminId, h.ActorId));
        var update = history[2].Changes.ToDictionary(c => c.Field);
        Assert.Equal(("Jana Novak", "Jana Novak, pricing"), (update["title"].Old, update["title"].New));
        Assert.Equal(("+386 (1) 234-5678 (work), 041 555 666 (mobile)", "+386 1 234 5678 (work)"), (update["phones"].Old, update["phones"].New));
        Assert.Equal(("1200.5", "1500"), (update["amount"].Old, update["amount"].New));
        Assert.Equal(("IN_PROCESS", "JUNK"), (history[0].Changes.Single().Old, history[0].Changes.Single().New));
        Assert.Contains(history[3].Changes, c => c.Field == "utm" && c.New == "source=google medium=cpc campaign=spring");
    }

    [Fact]
    public async Task The_list_filters_by_status_searches_names_and_companies_and_pages()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var a = await Create(new { title = $"Alpha {tag}", companyName = "Northwind" });
        var b = await Create(new { firstName = "Bruno", lastName = $"{tag}son", statusId = "PROCESSED" });
        var c = await Create(new { companyName = $"Contoso {tag}" });

        var all = (await Http.GetFromJsonAsync<LeadPage>($"/api/leads?search={tag}&sort=id", Json))!;
        Assert.Equal([a.Id, b.Id, c.Id], all.Items.Select(l => l.Id));
        var processed = (await Http.GetFromJsonAsync<LeadPage>($"/api/leads?search={tag}&statusId=PROCESSED", Json))!;
        Assert.Equal(b.Id, Assert.Single(processed.Items).Id);
        var byCompany = (await Http.GetFromJsonAsync<LeadPage>($"/api/leads?search=contoso%20{tag}", Json))!;
        Assert.Equal(c.Id, Assert.Single(byCompany.Items).Id);
        var second = (await Http.GetFromJsonAsync<LeadPage>($"/api/leads?search={tag}&sort=id&desc=true&pageSize=2&page=2", Json))!;
        Assert.Equal((3, a.Id), (second.Total, Assert.Single(second.Items).Id));

        await Http.DeleteAsync($"/api/leads/{a.Id}");
        Assert.Equal(2, (await Http.GetFromJsonAsync<LeadPage>($"/api/leads?search={tag}", Json))!.Total);
        await Problem(await Http.GetAsync($"/api/leads/{a.Id}"), HttpStatusCode.NotFound, "lead_not_found");
    }

    [Fact]
    public async Task The_portal_lists_give_the_default_statuses_with_their_meaning_and_the_sources()
    {
        var statuses = (await Http.GetFromJsonAsync<List<LeadStatus>>("/api/lists/lead-statuses", Json))!;
        Assert.Equal(["NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"], statuses.Select(s => s.Id));
        Assert.Equal(LeadStatusSemantic.Converted, statuses.Single(s => s.Id == "CONVERTED").Semantic);
        var sources = (await Http.GetFromJsonAsync<List<ListItem>>("/api/lists/lead-sources", Json))!;
        Assert.Equal(["CALL", "EMAIL", "WEB", "WEBFORM", "CHAT", "ADVERTISING", "PARTNER", "RECOMMENDATION", "OTHER"], sources.Select(s => s.Id));
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { """{"title":""}""", "title_required", "title" },
        { """{"title":"P","phones":[{"value":"call me","type":"work"}]}""", "invalid_phone", "phones[0].value" },
        { """{"title":"P","phones":[{"value":"123","type":"work"}]}""", "invalid_phone", "phones[0].value" },
        { """{"title":"P","phones":[{"value":"+1 555 0100 0100 0100 99","type":"work"}]}""", "invalid_phone", "phones[0].value" },
        { """{"title":"P","phones":[{"value":"555 0100","type":"fax"}]}""", "invalid_json", "phones[0].type" },
        { """{"title":"E","emails":[{"value":"not-an-email","type":"work"}]}""", "invalid_email", "emails[0].value" },
        { """{"title":"E","emails":[{"value":"a@localhost","type":"work"}]}""", "invalid_email", "emails[0].value" },
        { """{"title":"E","emails":[{"value":"Ann <ann@x.example>","type":"work"}]}""", "invalid_email", "emails[0].value" },
        { """{"title":"E","emails":[{"value":"ann@x.example","type":"mobile"}]}""", "invalid_type", "emails[0].type" },
        { """{"title":"S","sourceId":"TELEPATHY"}""", "unknown_source", "sourceId" },
        { """{"title":"S","statusId":"NOPE"}""", "unknown_status", "statusId" },
        { """{"title":"S","statusId":"CONVERTED"}""", "status_not_allowed", "statusId" },
        { """{"title":"A","amount":-5}""", "negative_amount", "amount" },
        { """{"title":"C","currency":"XYZ"}""", "unknown_currency", "currency" },
        { """{"title":"R","responsibleId":987654}""", "unknown_responsible", "responsibleId" },
        { "{\"title\":\"N\",\"firstName\":\"" + new string('x', 101) + "\"}", "firstName_too_long", "firstName" },
        { """{"title":"Broken", """, "invalid_json", "" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_on_create_gets_a_clear_error_and_creates_nothing(string body, string code, string field)
    {
        var before = await Counts();
        var response = await Http.PostAsync("/api/leads", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ProblemOf(response, HttpStatusCode.BadRequest, code);
        if (field.Length > 0)
            Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await Counts());
    }

    [Fact]
    public async Task Bad_edits_stale_versions_and_forbidden_statuses_change_nothing()
    {
        var lead = await Create(new { title = "Steady lead", phones = new[] { new { value = "+44 20 7946 0000", type = "work" } } });
        var before = await Counts();

        await Problem(await Http.PutAsJsonAsync($"/api/leads/{lead.Id}", new { title = "X", currency = "USD", emails = new[] { new { value = "@@", type = "home" } } }),
            HttpStatusCode.BadRequest, "invalid_email");
        await Problem(await Http.PutAsJsonAsync($"/api/leads/{lead.Id}", new { title = "X", currency = "USD", version = 7 }), HttpStatusCode.Conflict, "version_conflict");
        await Problem(await Http.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new { statusId = "CONVERTED" }), HttpStatusCode.BadRequest, "convert_instead");
        await Problem(await Http.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new { statusId = "C1:NEW" }), HttpStatusCode.BadRequest, "unknown_status");
        await Problem(await Http.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new { statusId = "JUNK", version = 3 }), HttpStatusCode.Conflict, "version_conflict");
        await Problem(await Http.GetAsync("/api/leads?sort=shoeSize"), HttpStatusCode.BadRequest, "invalid_sort");

        Assert.Equal(before, await Counts());
        var stored = await Get(lead.Id);
        Assert.Equal(("Steady lead", "NEW", 1L), (stored.Fields.Title, stored.StatusId, stored.Version));
    }

    [Fact]
    public async Task Leads_of_another_portal_are_not_found()
    {
        var lead = await Create(new { title = "Mine only" });
        var other = await fixture.Host.CreatePortal("Other portal");
        var stranger = await fixture.Host.SignIn(other.AdminEmail);
        await Problem(await stranger.Http.GetAsync($"/api/leads/{lead.Id}"), HttpStatusCode.NotFound, "lead_not_found");
        await Problem(await stranger.Http.PostAsJsonAsync($"/api/leads/{lead.Id}/status", new { statusId = "JUNK" }), HttpStatusCode.NotFound, "lead_not_found");
        var list = (await stranger.Http.GetFromJsonAsync<LeadPage>("/api/leads?search=mine%20only", Json))!;
        Assert.Empty(list.Items);
        Assert.Equal(("Mine only", "NEW"), ((await Get(lead.Id)).Fields.Title, (await Get(lead.Id)).StatusId));
    }
}
