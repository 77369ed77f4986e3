using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Lists;
using Crm.TestSupport;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Lists sorted by standard and custom fields, through the real host and PostgreSQL.</summary>
[Collection(WebCollection.Name)]
public sealed class ListSortApiTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;
    private readonly string _tag = $"srt{Guid.NewGuid():N}"[..11];
    private SignedInClient _client = default!;

    public async Task InitializeAsync() => _client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Http => _client.Http;

    private async Task<CustomField> AddField(string recordKind, string label, string type)
    {
        var response = await Http.PostAsJsonAsync("/api/custom-fields", new { recordKind, label = $"{label} {_tag}", type });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CustomField>(Json))!;
    }

    private async Task<long> Create(string path, object body)
    {
        var response = await Http.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>The ids of this test's records (those whose <paramref name="textField"/> holds the tag) in the order the list gives them.</summary>
    private async Task<long[]> Sorted(string path, string textField, string sort, bool desc = false, int page = 1, int pageSize = 100)
    {
        var filter = JsonSerializer.Serialize(new[] { new FilterCondition(textField, FilterOp.Contains, _tag) }, Json);
        var answer = await Http.GetFromJsonAsync<JsonElement>(
            $"{path}?sort={Uri.EscapeDataString(sort)}&desc={(desc ? "true" : "false")}&page={page}&pageSize={pageSize}&filter={Uri.EscapeDataString(filter)}");
        return answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();
    }

    private Task<long> Lead(string name, Dictionary<string, object>? custom = null) =>
        Create("/api/leads", new { title = $"{_tag} {name}", custom });

    [Fact]
    public async Task Leads_sort_by_custom_values_typed_by_their_field_either_way_with_empty_values_last_ascending()
    {
        var size = await AddField("lead", "Size", "number");
        var due = await AddField("lead", "Due", "date");
        var budget = await AddField("lead", "Budget", "money");
        var vip = await AddField("lead", "VIP", "boolean");
        var note = await AddField("lead", "Note", "string");

        var ten = await Lead("ten", new() { [size.Code] = 10, [due.Code] = "2027-01-05", [budget.Code] = "10|USD", [vip.Code] = true, [note.Code] = "beta" });
        var nine = await Lead("nine", new() { [size.Code] = 9, [due.Code] = "2026-12-31", [budget.Code] = "9.5|EUR", [vip.Code] = false, [note.Code] = "alpha" });
        var hundred = await Lead("hundred", new() { [size.Code] = "100.25", [due.Code] = "2026-02-01", [budget.Code] = "100|USD", [note.Code] = "gamma" });
        var empty = await Lead("empty");
        var alsoTen = await Lead("also ten", new() { [size.Code] = 10 });

        // Numbers as numbers (9 before 10, which text would not give); equal values by id; empty last.
        Assert.Equal([nine, ten, alsoTen, hundred, empty], await Sorted("/api/leads", "title", size.Code));
        // Descending is the exact reverse: empty first, equal values by id descending.
        Assert.Equal([empty, hundred, alsoTen, ten, nine], await Sorted("/api/leads", "title", size.Code, desc: true));
        // Codes in any case.
        Assert.Equal([nine, ten, alsoTen, hundred, empty], await Sorted("/api/leads", "title", size.Code.ToLowerInvariant()));

        Assert.Equal([hundred, nine, ten, empty, alsoTen], await Sorted("/api/leads", "title", due.Code));
        Assert.Equal([alsoTen, empty, ten, nine, hundred], await Sorted("/api/leads", "title", due.Code, desc: true));
        Assert.Equal([nine, ten, hundred, empty, alsoTen], await Sorted("/api/leads", "title", budget.Code)); // by amount, whatever the currency
        Assert.Equal([nine, ten, hundred, empty, alsoTen], await Sorted("/api/leads", "title", vip.Code)); // no before yes
        Assert.Equal([nine, ten, hundred, empty, alsoTen], await Sorted("/api/leads", "title", note.Code));

        // Pages of a custom order continue each other.
        var pages = (await Sorted("/api/leads", "title", size.Code, pageSize: 2)).Concat(await Sorted("/api/leads", "title", size.Code, page: 2, pageSize: 2))
            .Concat(await Sorted("/api/leads", "title", size.Code, page: 3, pageSize: 2));
        Assert.Equal([nine, ten, alsoTen, hundred, empty], pages);
    }

    [Fact]
    public async Task Booleans_sort_no_before_yes_and_the_older_sort_names_work_in_any_case()
    {
        var vip = await AddField("lead", "VIP", "boolean");
        var yes = await Lead("b yes", new() { [vip.Code] = "yes" });
        var no = await Lead("c no", new() { [vip.Code] = "no" });
        var unset = await Lead("a unset");

        Assert.Equal([no, yes, unset], await Sorted("/api/leads", "title", vip.Code));
        Assert.Equal([unset, yes, no], await Sorted("/api/leads", "title", "Title"));
        Assert.Equal([unset, no, yes], await Sorted("/api/leads", "title", "CREATEDAT", desc: true));
        Assert.Equal([yes, no, unset], await Sorted("/api/leads", "title", "status")); // all new: by id
        Assert.Equal([yes, no, unset], await Sorted("/api/leads", "title", "updatedAt"));
    }

    [Fact]
    public async Task Deals_contacts_and_companies_sort_by_their_custom_and_standard_fields()
    {
        var deals = await AddField("deal", "Units", "number");
        var small = await Create("/api/deals", new { pipelineId = fixture.Portal.PipelineId, title = $"{_tag} small", amount = 5, currency = "USD", custom = new Dictionary<string, object> { [deals.Code] = 9 } });
        var large = await Create("/api/deals", new { pipelineId = fixture.Portal.PipelineId, title = $"{_tag} large", amount = 1, currency = "USD", custom = new Dictionary<string, object> { [deals.Code] = 10 } });
        Assert.Equal([small, large], await Sorted("/api/deals", "title", deals.Code));
        Assert.Equal([large, small], await Sorted("/api/deals", "title", deals.Code, desc: true));
        Assert.Equal([large, small], await Sorted("/api/deals", "title", "amount"));
        Assert.Equal([small, large], await Sorted("/api/deals", "title", "stage")); // the same stage: by id

        var met = await AddField("contact", "Met", "date");
        var ann = await Create("/api/contacts", new { firstName = _tag, lastName = "Zeller", custom = new Dictionary<string, object> { [met.Code] = "2025-03-01" } });
        var bob = await Create("/api/contacts", new { firstName = _tag, lastName = "Adams", custom = new Dictionary<string, object> { [met.Code] = "2024-11-30" } });
        var cid = await Create("/api/contacts", new { firstName = _tag, lastName = "", position = "Buyer" });
        Assert.Equal([bob, ann, cid], await Sorted("/api/contacts", "firstName", met.Code));
        Assert.Equal([bob, ann, cid], await Sorted("/api/contacts", "firstName", "lastName")); // an empty name last
        var newestFirst = await Http.GetFromJsonAsync<JsonElement>($"/api/contacts?search={_tag}");
        Assert.Equal([cid, bob, ann], newestFirst.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));

        var staff = await AddField("company", "Staff", "number");
        var big = await Create("/api/companies", new { title = $"{_tag} Big", revenue = 100, currency = "USD", custom = new Dictionary<string, object> { [staff.Code] = 10 } });
        var tiny = await Create("/api/companies", new { title = $"{_tag} Tiny", revenue = 900, currency = "USD", custom = new Dictionary<string, object> { [staff.Code] = 9 } });
        Assert.Equal([tiny, big], await Sorted("/api/companies", "title", staff.Code));
        Assert.Equal([tiny, big], await Sorted("/api/companies", "title", "revenue", desc: true));
        var byName = await Http.GetFromJsonAsync<JsonElement>($"/api/companies?search={_tag}");
        Assert.Equal([big, tiny], byName.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Unknown_sort_keys_and_custom_codes_of_another_record_type_are_refused_with_the_keys_that_would_do()
    {
        var leadField = await AddField("lead", "Score", "number");
        var dealField = await AddField("deal", "Score", "number");

        var detail = await Problem(await Http.GetAsync($"/api/leads?sort={dealField.Code}"), HttpStatusCode.BadRequest, "invalid_sort");
        Assert.Contains(leadField.Code, detail);
        Assert.Contains("createdAt", detail);
        Assert.DoesNotContain(dealField.Code, detail.Split(';')[1]);
        await Problem(await Http.GetAsync($"/api/deals?sort={leadField.Code}"), HttpStatusCode.BadRequest, "invalid_sort");
        await Problem(await Http.GetAsync("/api/leads?sort=UF_CRM_999999"), HttpStatusCode.BadRequest, "invalid_sort");
        await Problem(await Http.GetAsync("/api/contacts?sort=phone"), HttpStatusCode.BadRequest, "invalid_sort"); // phones have no order
        await Problem(await Http.GetAsync($"/api/companies?sort={Uri.EscapeDataString("title; DROP TABLE companies")}"), HttpStatusCode.BadRequest, "invalid_sort");

        var fields = await Http.GetFromJsonAsync<JsonElement>("/api/list-fields/lead");
        Assert.Contains(fields.EnumerateArray(), f => f.GetProperty("key").GetString() == leadField.Code && f.GetProperty("sortable").GetBoolean());
        Assert.Contains(fields.EnumerateArray(), f => f.GetProperty("key").GetString() == "email" && !f.GetProperty("sortable").GetBoolean());
    }
}
