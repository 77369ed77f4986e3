using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Leads;
using Crm.Grains.Interfaces.Lists;
using Crm.TestSupport;
using Crm.Web.Contacts;
using Crm.Web.Leads;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Custom fields and list filters through the real host and PostgreSQL.</summary>
[Collection(WebCollection.Name)]
public sealed class ListFiltersApiTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;
    private readonly string _tag = $"flt{Guid.NewGuid():N}"[..11];
    private SignedInClient _client = default!;

    public async Task InitializeAsync() => _client = await fixture.Host.SignIn(fixture.Portal.AdminEmail);
    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Http => _client.Http;

    private async Task<CustomField> AddField(object body)
    {
        var response = await Http.PostAsJsonAsync("/api/custom-fields", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CustomField>(Json))!;
    }

    private async Task<Lead> CreateLead(object body)
    {
        var response = await Http.PostAsJsonAsync("/api/leads", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Lead>(Json))!;
    }

    /// <summary>The ids of this test's leads matching the filter (the tag keeps other tests' leads out).</summary>
    private async Task<long[]> Ids(params FilterCondition[] conditions)
    {
        var all = conditions.Append(new FilterCondition("title", FilterOp.Contains, _tag));
        var page = await Http.GetFromJsonAsync<LeadPage>($"/api/leads?pageSize=100&filter={Uri.EscapeDataString(JsonSerializer.Serialize(all, Json))}", Json);
        return page!.Items.Select(i => i.Id).Order().ToArray();
    }

    private async Task<long> LeadCount()
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand($"SELECT count(*) FROM leads WHERE portal_id = {fixture.Portal.PortalId}");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Leads_are_filtered_by_standard_and_custom_fields_with_every_operator()
    {
        var size = await AddField(new { recordKind = "lead", label = $"Size {_tag}", type = "number" });
        var tier = await AddField(new { recordKind = "lead", label = $"Tier {_tag}", type = "list", items = new[] { new { name = "Gold" }, new { name = "Silver" } } });
        var due = await AddField(new { recordKind = "lead", label = $"Due {_tag}", type = "date" });
        var vip = await AddField(new { recordKind = "lead", label = $"VIP {_tag}", type = "boolean" });
        var budget = await AddField(new { recordKind = "lead", label = $"Budget {_tag}", type = "money" });

        var a = await CreateLead(new
        {
            title = $"{_tag} Alpha", sourceId = "CALL", amount = 100m, phones = new[] { new { value = "+1 555 0101", type = "work" } },
            custom = new Dictionary<string, object> { [size.Code] = 10, [tier.Code] = "Gold", [due.Code] = "2026-12-01", [vip.Code] = true, [budget.Code] = "500|USD" },
        });
        var b = await CreateLead(new
        {
            title = $"{_tag} Beta", sourceId = "EMAIL", amount = 250m, emails = new[] { new { value = "beta@example.com", type = "work" } },
            custom = new Dictionary<string, object> { [size.Code] = "25.5", [tier.Code] = "silver", [due.Code] = "2027-01-15", [budget.Code] = "1500|EUR" },
        });
        var c = await CreateLead(new { title = $"{_tag} Gamma", sourceId = "CALL", amount = 0m, responsibleId = fixture.Portal.SecondId });

        // The stored values are canonical.
        Assert.Equal(new Dictionary<string, string> { [size.Code] = "25.5", [tier.Code] = "2", [due.Code] = "2027-01-15", [budget.Code] = "1500.00|EUR" }, b.Fields.Custom);

        Assert.Equal([a.Id, b.Id, c.Id], await Ids());
        Assert.Equal([a.Id, c.Id], await Ids(new FilterCondition("sourceId", FilterOp.Eq, "call")));
        Assert.Equal([a.Id, b.Id], await Ids(new FilterCondition("sourceId", FilterOp.In, Values: ["CALL", "EMAIL"]), new FilterCondition("amount", FilterOp.NotEmpty)));
        Assert.Equal([b.Id], await Ids(new FilterCondition("amount", FilterOp.Range, From: "101", To: "300")));
        Assert.Equal([c.Id], await Ids(new FilterCondition("amount", FilterOp.Empty)));
        Assert.Equal([c.Id], await Ids(new FilterCondition("responsibleId", FilterOp.Eq, fixture.Portal.SecondId.ToString())));
        Assert.Equal([a.Id], await Ids(new FilterCondition("phone", FilterOp.Eq, "+1 (555) 0101")));
        Assert.Equal([b.Id], await Ids(new FilterCondition("email", FilterOp.Contains, "BETA@")));
        Assert.Equal([b.Id, c.Id], await Ids(new FilterCondition("phone", FilterOp.Empty)));
        Assert.Equal([a.Id, b.Id, c.Id], await Ids(new FilterCondition("createdAt", FilterOp.Range, From: DateTime.UtcNow.ToString("yyyy-MM-dd"))));

        Assert.Equal([a.Id], await Ids(new FilterCondition(tier.Code, FilterOp.Eq, "gold")));
        Assert.Equal([a.Id, b.Id], await Ids(new FilterCondition(tier.Code, FilterOp.In, Values: ["Gold", "Silver"])));
        Assert.Equal([c.Id], await Ids(new FilterCondition(tier.Code, FilterOp.Empty)));
        Assert.Equal([b.Id], await Ids(new FilterCondition(size.Code, FilterOp.Range, From: "10.5")));
        Assert.Equal([a.Id], await Ids(new FilterCondition(size.Code, FilterOp.Eq, "10")));
        Assert.Equal([b.Id], await Ids(new FilterCondition(due.Code, FilterOp.Range, From: "2027-01-01", To: "2027-01-31")));
        Assert.Equal([a.Id], await Ids(new FilterCondition(vip.Code, FilterOp.Eq, "true")));
        Assert.Equal([b.Id], await Ids(new FilterCondition(budget.Code, FilterOp.Range, From: "1000")));

        // The list rows carry the custom values, for columns and export.
        var page = await Http.GetFromJsonAsync<LeadPage>($"/api/leads?search={_tag}&sort=id", Json);
        Assert.Equal("1", page!.Items.Single(i => i.Id == a.Id).Custom![tier.Code]);

        // The range filter of a number field is served by the field's own index.
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var indexes = db.CreateCommand($"SELECT count(*) FROM pg_indexes WHERE tablename = 'leads' AND indexname = 'leads_p{fixture.Portal.PortalId}_{size.Code.ToLowerInvariant()}'");
        Assert.Equal(1L, await indexes.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Bad_custom_values_and_bad_filters_get_clear_errors_and_change_nothing()
    {
        var size = await AddField(new { recordKind = "lead", label = $"Size {_tag}", type = "number" });
        var tier = await AddField(new { recordKind = "lead", label = $"Tier {_tag}", type = "list", items = new[] { new { name = "Gold" } } });
        var before = await LeadCount();

        async Task Refused(object custom, string code) =>
            await ProblemOf(await Http.PostAsJsonAsync("/api/leads", new { title = $"{_tag} bad", custom }), HttpStatusCode.BadRequest, code);
        await Refused(new Dictionary<string, object> { ["UF_CRM_999999"] = "x" }, "unknown_custom_field");
        await Refused(new Dictionary<string, object> { [size.Code] = "ten" }, "invalid_custom_value");
        await Refused(new Dictionary<string, object> { [tier.Code] = "Platinum" }, "unknown_custom_value");
        await Refused(new Dictionary<string, object> { [size.Code] = new[] { 1, 2 } }, "invalid_custom_value");
        Assert.Equal(before, await LeadCount());

        // A deal's custom values are checked against the deal's fields, not the lead's.
        await ProblemOf(await Http.PostAsJsonAsync("/api/deals", new { pipelineId = fixture.Portal.PipelineId, title = "x", amount = 1, currency = "USD", custom = new Dictionary<string, object> { [size.Code] = 1 } }),
            HttpStatusCode.BadRequest, "unknown_custom_field");

        async Task BadFilter(string filter, string code) =>
            await ProblemOf(await Http.GetAsync($"/api/leads?filter={Uri.EscapeDataString(filter)}"), HttpStatusCode.BadRequest, code);
        await BadFilter("""[{"field":"nope","op":"eq","value":"1"}]""", "unknown_filter_field");
        await BadFilter("""[{"field":"amount","op":"contains","value":"1"}]""", "invalid_filter_operator");
        await BadFilter($$"""[{"field":"{{size.Code}}","op":"range","from":"big"}]""", "invalid_filter_value");
        await BadFilter("""[{"field":"title","op":"sideways"}]""", "invalid_filter");
        await BadFilter("not json", "invalid_filter");

        await ProblemOf(await Http.PostAsJsonAsync("/api/custom-fields", new { recordKind = "invoice", label = "X", type = "string" }), HttpStatusCode.BadRequest, "unknown_record_kind");
        await ProblemOf(await Http.PostAsJsonAsync("/api/custom-fields", new { recordKind = "lead", label = $"Size {_tag}", type = "number" }), HttpStatusCode.BadRequest, "duplicate_label");
        await ProblemOf(await Http.PutAsJsonAsync($"/api/custom-fields/{tier.Code}", new { label = "Tier", items = new[] { new { id = "9", name = "Other" } } }), HttpStatusCode.BadRequest, "list_item_removed");
    }

    [Fact]
    public async Task Contacts_are_filtered_by_custom_fields_and_presets_are_saved_per_user()
    {
        var region = await AddField(new { recordKind = "contact", label = $"Region {_tag}", type = "string" });
        var north = await Http.PostAsJsonAsync("/api/contacts", new { firstName = _tag, lastName = "North", custom = new Dictionary<string, object> { [region.Code] = "North coast" } });
        Assert.Equal(HttpStatusCode.Created, north.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Http.PostAsJsonAsync("/api/contacts", new { firstName = _tag, lastName = "South" })).StatusCode);
        var filter = JsonSerializer.Serialize(new[] { new FilterCondition(region.Code, FilterOp.Contains, "coast") }, Json);
        var page = await Http.GetFromJsonAsync<ContactPage>($"/api/contacts?search={_tag}&filter={Uri.EscapeDataString(filter)}", Json);
        Assert.Equal(["North"], page!.Items.Select(i => i.LastName));

        var saved = await Http.PutAsJsonAsync("/api/list-presets/contacts", new { name = $"Coast {_tag}", conditions = new[] { new FilterCondition(region.Code, FilterOp.Contains, "coast") }, columns = new[] { "lastName", region.Code } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var mine = await Http.GetFromJsonAsync<List<ListPreset>>("/api/list-presets/contact", Json);
        Assert.Equal([region.Code], mine!.Single(p => p.Name == $"Coast {_tag}").Conditions.Select(c => c.Field));

        // Presets belong to their user; a preset that could not be applied is not saved.
        var other = await fixture.Host.SignIn(fixture.Portal.SecondEmail);
        Assert.DoesNotContain((await other.Http.GetFromJsonAsync<List<ListPreset>>("/api/list-presets/contact", Json))!, p => p.Name == $"Coast {_tag}");
        await ProblemOf(await Http.PutAsJsonAsync("/api/list-presets/contact", new { name = "Broken", conditions = new[] { new FilterCondition("nope", FilterOp.Eq, "1") } }), HttpStatusCode.BadRequest, "unknown_filter_field");
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/list-presets/contact/{Uri.EscapeDataString($"Coast {_tag}")}")).StatusCode);
        Assert.DoesNotContain((await Http.GetFromJsonAsync<List<ListPreset>>("/api/list-presets/contact", Json))!, p => p.Name == $"Coast {_tag}");

        var fields = await Http.GetFromJsonAsync<JsonElement>("/api/list-fields/contacts");
        Assert.Contains(fields.EnumerateArray(), f => f.GetProperty("key").GetString() == region.Code && f.GetProperty("isCustom").GetBoolean());
    }
}
