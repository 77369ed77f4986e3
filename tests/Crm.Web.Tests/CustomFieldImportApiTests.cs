using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Grains.Interfaces.Companies;
using Crm.Grains.Interfaces.Contacts;
using Crm.Grains.Interfaces.CustomFields;
using Crm.Grains.Interfaces.Leads;
using Crm.TestSupport;
using Crm.Web.Import;
using static Crm.Web.Tests.ImportRequests;

namespace Crm.Web.Tests;

/// <summary>
/// Custom fields in CSV imports through the real host: mapped by label or code, values of every type
/// as spreadsheets write them, bad values and missing required ones failing their row with the
/// column, merges filling only empty custom values. Each test has a portal of its own.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CustomFieldImportApiTests(WebFixture fixture)
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    private static async Task<CustomField> AddField(SignedInClient api, string recordKind, string label, string type, bool required = false, params string[] items)
    {
        var response = await api.Http.PostAsJsonAsync("/api/custom-fields",
            new { recordKind, label, type, required, items = items.Select(name => new { name }).ToArray() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CustomField>(Json))!;
    }

    /// <summary>Rows (also deleted ones) of the portal's leads, contacts and companies.</summary>
    private async Task<long[]> Counts(int portalId)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand($"""
            SELECT (SELECT count(*) FROM leads WHERE portal_id = {portalId}), (SELECT count(*) FROM contacts WHERE portal_id = {portalId}),
                   (SELECT count(*) FROM companies WHERE portal_id = {portalId})
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Enumerable.Range(0, 3).Select(reader.GetInt64).ToArray();
    }

    [Fact]
    public async Task Lead_custom_values_of_every_type_are_checked_by_the_dry_run_and_imported_and_bad_rows_name_their_column()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var size = await AddField(api, "lead", "Size", "number");
        var due = await AddField(api, "lead", "Due", "date");
        var vip = await AddField(api, "lead", "VIP", "boolean");
        var tier = await AddField(api, "lead", "Tier", "list", required: true, "Gold", "Silver");
        var budget = await AddField(api, "lead", "Budget", "money");
        var site = await AddField(api, "lead", "Site", "url");
        var owner = await AddField(api, "lead", "Owner", "user");
        var before = await Counts(portal.PortalId);

        // Headers by label, and one (Budget) by code.
        var csv = $"""
            Title;Size;Due;VIP;Tier;{budget.Code};Site;Owner
            Full row;1 250,50;31.12.2026;Y;silver;99,90 EUR;https://shop.example/a;{portal.SecondEmail}
            Bad size;ten;;;Gold;;;
            No tier;3;;;;;;
            Bad owner;;;;Gold;;;Nobody Here
            Bare;;2027-01-15;no;1;12;;
            """;
        var report = await Check(api, "leads", csv);
        Assert.Equal(["title", size.Code, due.Code, vip.Code, tier.Code, budget.Code, site.Code, owner.Code], report.Columns.Select(c => c.Field));
        Assert.Equal((5, 2, 3), (report.Total, report.Ok, report.Errors));
        (int, string, string?)[] errors = [(3, "invalid_custom_value", "Size"), (4, "custom_field_required", "Tier"), (5, "unknown_user", "Owner")];
        Assert.Equal(errors, report.Rows.Where(r => r.Outcome == RowOutcome.Error).Select(r => (r.Row, r.Code!, r.Column)));
        Assert.Contains("'Tier' is required", report.Rows[2].Message);
        Assert.Equal(before, await Counts(portal.PortalId));

        var imported = await RunImport(api, "leads", csv);
        Assert.Equal((2, 3), (imported.Progress.Created, imported.Progress.Failed));
        Assert.Equal(errors, imported.Rows.Where(r => r.Outcome == RowOutcome.Error).Select(r => (r.Row, r.Code!, r.Column)));
        var full = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{imported.Rows[0].RecordId}", Json))!;
        Assert.Equal(new Dictionary<string, string>
        {
            [size.Code] = "1250.50", [due.Code] = "2026-12-31", [vip.Code] = "true", [tier.Code] = "2", [budget.Code] = "99.90|EUR",
            [site.Code] = "https://shop.example/a", [owner.Code] = portal.SecondId.ToString(),
        }, full.Fields.Custom);
        var bare = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{imported.Rows[4].RecordId}", Json))!;
        Assert.Equal(new Dictionary<string, string> { [due.Code] = "2027-01-15", [vip.Code] = "false", [tier.Code] = "1", [budget.Code] = "12.00|USD" }, bare.Fields.Custom);
        Assert.Equal(before[0] + 2, (await Counts(portal.PortalId))[0]);
    }

    [Fact]
    public async Task A_merged_row_fills_only_the_empty_custom_values_and_needs_no_required_one_but_a_new_row_does()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var size = await AddField(api, "lead", "Size", "number");
        var due = await AddField(api, "lead", "Due", "date");
        var tier = await AddField(api, "lead", "Tier", "list", required: true, "Gold", "Silver");
        var existing = (await (await api.Http.PostAsJsonAsync("/api/leads", new
        {
            title = "Ann Lee", phones = new[] { new { value = "+44 20 7946 0018", type = "work" } },
            custom = new Dictionary<string, object> { [size.Code] = 10, [tier.Code] = "Gold" },
        })).Content.ReadFromJsonAsync<Lead>(Json))!;

        // The file has no Tier column: the merged row does not need it; the new one does, and is told to map it.
        const string csv = """
            Title,Phone,Size,Due
            Ann again,+44 (20) 7946-0018,99,2026-01-31
            Someone new,+44 161 496 0000,5,
            """;
        var check = await Check(api, "leads", csv, duplicates: "merge");
        Assert.Equal((RowOutcome.Duplicate, existing.Id), (check.Rows[0].Outcome, check.Rows[0].RecordId));
        Assert.Equal((RowOutcome.Error, "custom_field_required", (string?)null), (check.Rows[1].Outcome, check.Rows[1].Code, check.Rows[1].Column));
        Assert.Contains("map a column", check.Rows[1].Message);

        var report = await RunImport(api, "leads", csv, duplicates: "merge");
        Assert.Equal((0, 1, 1), (report.Progress.Created, report.Progress.Merged, report.Progress.Failed));
        var merged = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{existing.Id}", Json))!;
        Assert.Equal(new Dictionary<string, string> { [size.Code] = "10", [due.Code] = "2026-01-31", [tier.Code] = "1" }, merged.Fields.Custom);
        Assert.Equal(1, (await Counts(portal.PortalId))[0]);
    }

    [Fact]
    public async Task Contacts_and_companies_import_their_own_custom_fields_mapped_by_code_or_by_label()
    {
        var portal = await fixture.Host.CreatePortal();
        var api = await fixture.Host.SignIn(portal.AdminEmail);
        var region = await AddField(api, "contact", "Region", "string", required: true);
        var capital = await AddField(api, "company", "Capital", "money");
        var fields = await api.Http.GetFromJsonAsync<JsonElement>("/api/import/companies/fields", Json);
        var offered = fields.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("key").GetString() == capital.Code);
        Assert.Equal(("Capital", "custom"), (offered.GetProperty("label").GetString(), offered.GetProperty("value").GetString()));
        Assert.DoesNotContain(fields.GetProperty("fields").EnumerateArray(), f => f.GetProperty("key").GetString() == region.Code);

        var contacts = await RunImport(api, "contacts", "First name,Last name,Area\nLia,Moss,North coast\nTom,Hart,\n",
            mapping: new Dictionary<string, string?> { ["Area"] = "region" });
        Assert.Equal((1, 1), (contacts.Progress.Created, contacts.Progress.Failed));
        Assert.Equal(("custom_field_required", "Area"), (contacts.Rows[1].Code!, contacts.Rows[1].Column!));
        var lia = (await api.Http.GetFromJsonAsync<Contact>($"/api/contacts/{contacts.Rows[0].RecordId}", Json))!;
        Assert.Equal("North coast", lia.Fields.Custom![region.Code]);

        var companies = await RunImport(api, "companies", $"Company name,{capital.Code}\nOrchard Ltd,2500000 GBP\nBroken Ltd,2500000 ZZZ\n");
        Assert.Equal((1, 1), (companies.Progress.Created, companies.Progress.Failed));
        Assert.Equal(("invalid_custom_value", capital.Code), (companies.Rows[1].Code!, companies.Rows[1].Column!));
        var orchard = (await api.Http.GetFromJsonAsync<Company>($"/api/companies/{companies.Rows[0].RecordId}", Json))!;
        Assert.Equal("2500000.00|GBP", orchard.Fields.Custom![capital.Code]);
        Assert.Equal(new long[] { 0, 1, 1 }, await Counts(portal.PortalId));
    }
}
