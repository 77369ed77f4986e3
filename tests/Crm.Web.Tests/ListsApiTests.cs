using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Live;
using Crm.Grains.Interfaces.Settings;
using Crm.TestSupport;
using Microsoft.AspNetCore.SignalR.Client;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Editing the portal's selection lists through <c>/api/lists</c>; each test has a portal of its own, since lists are per portal.</summary>
[Collection(WebCollection.Name)]
public sealed class ListsApiTests(WebFixture fixture)
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    private static readonly object[] Statuses =
    [
        new { id = "NEW", name = "New", color = "#2FC6F6", semantic = "inProgress" },
        new { id = "IN_PROCESS", name = "In process", color = "#55D0E0", semantic = "inProgress" },
        new { id = "PROCESSED", name = "Processed", color = "#FFA900", semantic = "inProgress" },
        new { id = "CONVERTED", name = "Good lead", color = "#7BD500", semantic = "converted" },
        new { id = "JUNK", name = "Junk lead", color = "#FF5752", semantic = "junk" },
    ];

    private async Task<HttpClient> NewPortal() => (await fixture.Host.SignIn((await fixture.Host.CreatePortal("Lists portal")).AdminEmail)).Http;

    private static async Task<string> Raw(HttpClient http, string list) => await http.GetStringAsync($"/api/lists/{list}");

    private static async Task<T> Created<T>(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    [Fact]
    public async Task Statuses_renamed_reordered_and_added_are_stored_normalised_and_read_back_in_that_order()
    {
        var http = await NewPortal();
        var response = await http.PutAsJsonAsync("/api/lists/lead-statuses", new object[]
        {
            new { id = "NEW", name = "Fresh", color = "#2FC6F6", semantic = "inProgress" },
            new { id = " meeting_set ", name = " Meeting set ", color = "#a0b1c2", semantic = "inProgress" },
            new { id = "PROCESSED", name = "Processed", color = "#FFA900", semantic = "inProgress" },
            new { id = "IN_PROCESS", name = "In process", color = "#55D0E0", semantic = "inProgress" },
            new { id = "CONVERTED", name = "Good lead", color = "#7BD500", semantic = "converted" },
            new { id = "JUNK", name = "Junk lead", color = "#FF5752", semantic = "junk" },
            new { id = "SPAM", name = "Spam", color = "#000000", semantic = "junk" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await response.Content.ReadFromJsonAsync<List<LeadStatus>>(Json))!;
        Assert.Equal(["NEW", "MEETING_SET", "PROCESSED", "IN_PROCESS", "CONVERTED", "JUNK", "SPAM"], stored.Select(s => s.Id));
        Assert.Equal(new LeadStatus("MEETING_SET", "Meeting set", "#A0B1C2", LeadStatusSemantic.InProgress), stored[1]);

        var read = (await http.GetFromJsonAsync<List<LeadStatus>>("/api/lists/lead-statuses", Json))!;
        Assert.Equal(stored, read);
        Assert.Equal("Fresh", read[0].Name);

        var sources = await http.PutAsJsonAsync("/api/lists/industries", new object[] { new { id = "OTHER", name = "Something else" }, new { id = "it", name = "IT" } });
        Assert.Equal(HttpStatusCode.OK, sources.StatusCode);
        Assert.Equal([new ListItem("OTHER", "Something else"), new ListItem("IT", "IT")], (await http.GetFromJsonAsync<List<ListItem>>("/api/lists/industries", Json))!);

        // Another portal keeps its own lists.
        var other = await NewPortal();
        Assert.Equal(["NEW", "IN_PROCESS", "PROCESSED", "CONVERTED", "JUNK"], (await other.GetFromJsonAsync<List<LeadStatus>>("/api/lists/lead-statuses", Json))!.Select(s => s.Id));
        Assert.Equal(11, (await other.GetFromJsonAsync<List<ListItem>>("/api/lists/industries", Json))!.Count);
    }

    [Fact]
    public async Task A_lead_can_be_created_with_a_newly_added_source_and_in_a_newly_added_status()
    {
        var http = await NewPortal();
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync("/api/lists/lead-sources", new object[]
        {
            new { id = "CALL", name = "Call" }, new { id = "TRADE_FAIR", name = "Trade fair" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync("/api/lists/lead-statuses", Statuses.Prepend(
            new { id = "HOT", name = "Hot", color = "#FF0000", semantic = "inProgress" }))).StatusCode);

        var lead = await Created<Lead>(await http.PostAsJsonAsync("/api/leads", new { title = "Met at the fair", sourceId = "trade_fair" }));
        Assert.Equal(("TRADE_FAIR", "HOT"), (lead.Fields.SourceId, lead.StatusId));
        var second = await Created<Lead>(await http.PostAsJsonAsync("/api/leads", new { title = "Second", statusId = "PROCESSED" }));
        Assert.Equal("PROCESSED", second.StatusId);
        // A source the portal dropped is no longer accepted.
        await Problem(await http.PostAsJsonAsync("/api/leads", new { title = "Web", sourceId = "WEB" }), HttpStatusCode.BadRequest, "unknown_source");
    }

    public static TheoryData<string, string, string, string?> BadLists => new()
    {
        { "lead-statuses", """[{"id":"NEW","name":"New","color":"#2FC6F6","semantic":"inProgress"},{"id":"new","name":"Again","color":"#2FC6F6","semantic":"inProgress"},{"id":"CONVERTED","name":"C","color":"#7BD500","semantic":"converted"},{"id":"JUNK","name":"J","color":"#FF5752","semantic":"junk"}]""", "duplicate_list_id", "[1].id" },
        { "lead-statuses", """[{"id":"NEW","name":"New","color":"blue","semantic":"inProgress"},{"id":"CONVERTED","name":"C","color":"#7BD500","semantic":"converted"},{"id":"JUNK","name":"J","color":"#FF5752","semantic":"junk"}]""", "invalid_color", "[0].color" },
        { "lead-statuses", """[{"id":"NEW","name":"New","color":"#2FC6F6","semantic":"inProgress"},{"id":"JUNK","name":"J","color":"#FF5752","semantic":"junk"}]""", "no_converted_status", null },
        { "lead-statuses", """[{"id":"NEW","name":"New","color":"#2FC6F6","semantic":"inProgress"},{"id":"WON","name":"W","color":"#7BD500","semantic":"converted"},{"id":"CONVERTED","name":"C","color":"#7BD500","semantic":"converted"},{"id":"JUNK","name":"J","color":"#FF5752","semantic":"junk"}]""", "several_converted_statuses", null },
        { "lead-statuses", """[{"id":"NEW","name":"New","color":"#2FC6F6","semantic":"inProgress"},{"id":"CONVERTED","name":"C","color":"#7BD500","semantic":"converted"}]""", "no_junk_status", null },
        { "lead-statuses", """[{"id":"CONVERTED","name":"C","color":"#7BD500","semantic":"converted"},{"id":"NEW","name":"New","color":"#2FC6F6","semantic":"inProgress"},{"id":"JUNK","name":"J","color":"#FF5752","semantic":"junk"}]""", "final_before_in_progress", "[1].semantic" },
        { "lead-statuses", """[{"id":"NEW","name":"New","color":"#2FC6F6"},{"id":"CONVERTED","name":"C","color":"#7BD500","semantic":"converted"},{"id":"JUNK","name":"J","color":"#FF5752","semantic":"junk"}]""", "invalid_semantic", "[0].semantic" },
        { "lead-statuses", """[{"id":"NEW","name":"New","color":"#2FC6F6","semantic":"won"}]""", "invalid_json", "[0].semantic" },
        { "lead-sources", """[{"id":"trade fair","name":"Trade fair"}]""", "invalid_list_id", "[0].id" },
        { "lead-sources", """[{"id":"CALL","name":"Call"},null]""", "item_required", "[1]" },
        { "contact-types", """[{"id":"CLIENT","name":"  "}]""", "name_required", "[0].name" },
        { "company-types", """[{"id":"CUSTOMER","name":"Two\nlines"}]""", "name_not_single_line", "[0].name" },
        { "industries", "[" + string.Join(",", Enumerable.Range(1, 101).Select(i => $$"""{"id":"I{{i}}","name":"Industry {{i}}"}""")) + "]", "too_many_items", null },
        { "industries", "null", "items_required", null },
        { "industries", """{"id":"IT","name":"IT"}""", "invalid_json", null },
        { "industries", """[{"id":"IT","name":"IT"}""", "invalid_json", null },
    };

    [Theory]
    [MemberData(nameof(BadLists))]
    public async Task A_bad_list_gets_a_clear_error_and_changes_nothing(string list, string body, string code, string? field)
    {
        var http = await NewPortal();
        var before = await Raw(http, list);
        var problem = await ProblemOf(await http.PutAsync($"/api/lists/{list}", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, code);
        if (field is not null)
            Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal(before, await Raw(http, list));
    }

    [Fact]
    public async Task Removing_an_item_that_live_records_use_is_refused_with_the_item_and_the_count_until_nothing_uses_it()
    {
        var http = await NewPortal();
        var leads = new List<Lead>();
        for (var i = 0; i < 2; i++)
            leads.Add(await Created<Lead>(await http.PostAsJsonAsync("/api/leads", new { title = $"Lead {i}", statusId = "PROCESSED", sourceId = "CALL" })));
        var before = await Raw(http, "lead-statuses");
        var withoutProcessed = Statuses.Where((_, i) => i != 2).ToArray();

        var detail = await Problem(await http.PutAsJsonAsync("/api/lists/lead-statuses", withoutProcessed), HttpStatusCode.BadRequest, "list_item_in_use");
        Assert.Contains("'Processed' (PROCESSED)", detail);
        Assert.Contains("2 leads", detail);
        Assert.Equal(before, await Raw(http, "lead-statuses"));
        // Nor can the in-use status quietly become the converted one.
        var swapped = Statuses.Select((s, i) => i == 2 ? new { id = "PROCESSED", name = "Processed", color = "#FFA900", semantic = "converted" }
            : i == 3 ? new { id = "CONVERTED", name = "Good lead", color = "#7BD500", semantic = "junk" } : s).ToArray();
        await Problem(await http.PutAsJsonAsync("/api/lists/lead-statuses", swapped), HttpStatusCode.BadRequest, "status_meaning_in_use");
        var sourceDetail = await Problem(await http.PutAsJsonAsync("/api/lists/lead-sources", new object[] { new { id = "WEB", name = "Website" } }), HttpStatusCode.BadRequest, "list_item_in_use");
        Assert.Contains("'Call' (CALL) is used by 2 leads", sourceDetail);

        // Deleted leads do not count; the status goes once no live lead is in it.
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/leads/{leads[0].Id}")).StatusCode);
        Assert.Contains("1 lead;", await Problem(await http.PutAsJsonAsync("/api/lists/lead-statuses", withoutProcessed), HttpStatusCode.BadRequest, "list_item_in_use"));
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"/api/leads/{leads[1].Id}/status", new { statusId = "IN_PROCESS" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync("/api/lists/lead-statuses", withoutProcessed)).StatusCode);
        Assert.DoesNotContain("PROCESSED", (await http.GetFromJsonAsync<List<LeadStatus>>("/api/lists/lead-statuses", Json))!.Select(s => s.Id));
    }

    [Fact]
    public async Task Types_and_industries_that_contacts_and_companies_use_cannot_be_removed()
    {
        var http = await NewPortal();
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/contacts", new { firstName = "Sam", typeId = "SUPPLIER" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/companies", new { title = "Acme", typeId = "PARTNER", industryId = "BANKING" })).StatusCode);

        Assert.Contains("1 contact;", await Problem(await http.PutAsJsonAsync("/api/lists/contact-types", new object[] { new { id = "CLIENT", name = "Client" } }),
            HttpStatusCode.BadRequest, "list_item_in_use"));
        Assert.Contains("1 company;", await Problem(await http.PutAsJsonAsync("/api/lists/company-types", new object[] { new { id = "OTHER", name = "Other" } }),
            HttpStatusCode.BadRequest, "list_item_in_use"));
        Assert.Contains("'Banking services' (BANKING)", await Problem(await http.PutAsJsonAsync("/api/lists/industries", new object[] { new { id = "IT", name = "IT" } }),
            HttpStatusCode.BadRequest, "list_item_in_use"));
        // Renaming what is in use is fine.
        var renamed = await http.PutAsJsonAsync("/api/lists/contact-types", new object[] { new { id = "SUPPLIER", name = "Vendor" }, new { id = "CLIENT", name = "Client" } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
    }

    [Fact]
    public async Task Unknown_list_names_are_not_found()
    {
        var http = await NewPortal();
        Assert.Contains("lead-statuses", await Problem(await http.GetAsync("/api/lists/colours"), HttpStatusCode.NotFound, "unknown_list"));
        await Problem(await http.PutAsJsonAsync("/api/lists/deal-stages", new object[] { new { id = "A", name = "A" } }), HttpStatusCode.NotFound, "unknown_list");
    }

    [Fact]
    public async Task Lead_board_watchers_hear_of_new_statuses()
    {
        var portal = await fixture.Host.CreatePortal("Lists portal");
        var client = await fixture.Host.SignIn(portal.AdminEmail);
        await using var hub = client.BoardHub();
        var changes = Channel.CreateUnbounded<LeadStatusesChanged>();
        hub.On<LeadStatusesChanged>("leadStatusesChanged", c => changes.Writer.TryWrite(c));
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribeLeads");

        Assert.Equal(HttpStatusCode.OK, (await client.Http.PutAsJsonAsync("/api/lists/lead-statuses", Statuses.Prepend(
            new { id = "HOT", name = "Hot", color = "#FF0000", semantic = "inProgress" }))).StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var change = await changes.Reader.ReadAsync(timeout.Token);
        Assert.Equal((portal.PortalId, "HOT", 6), (change.PortalId, change.Statuses[0].Id, change.Statuses.Count));
    }
}
