using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Grains.Interfaces.Leads;
using Crm.TestSupport;
using Crm.Web.Import;
using static Crm.Web.Tests.ApiAssert;
using static Crm.Web.Tests.ImportRequests;

namespace Crm.Web.Tests;

/// <summary>
/// CSV import through the real host: good files, the dry run, bad input (file-level and per row),
/// duplicate modes, partial failures, cancel, and jobs of other users. Each test has a portal of its own.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ImportApiTests(WebFixture fixture)
{
    private static readonly JsonSerializerOptions Json = Crm.Web.Api.ApiJson.Options;

    private async Task<(TestPortal Portal, SignedInClient Api)> NewPortal()
    {
        var portal = await fixture.Host.CreatePortal();
        return (portal, await fixture.Host.SignIn(portal.AdminEmail));
    }

    /// <summary>Rows (also deleted ones) and timeline entries of the portal's leads, contacts and companies.</summary>
    private async Task<long[]> Counts(int portalId)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var command = db.CreateCommand($"""
            SELECT (SELECT count(*) FROM leads WHERE portal_id = {portalId}), (SELECT count(*) FROM lead_history WHERE portal_id = {portalId}),
                   (SELECT count(*) FROM contacts WHERE portal_id = {portalId}), (SELECT count(*) FROM contact_history WHERE portal_id = {portalId}),
                   (SELECT count(*) FROM companies WHERE portal_id = {portalId}), (SELECT count(*) FROM company_history WHERE portal_id = {portalId})
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Enumerable.Range(0, 6).Select(reader.GetInt64).ToArray();
    }

    [Fact]
    public async Task Leads_contacts_and_companies_from_good_files_appear_in_their_lists()
    {
        var (portal, api) = await NewPortal();
        var leads = await RunImport(api, "leads", """
            Lead name,Name,Last name,Company name,Work phone,Mobile phone,Work e-mail,Source,Status,Opportunity,Currency
            Pricing request,Ann,Lee,Harbour Foods,+44 20 7946 0018,07700 900123,ann@harbour.example,Website,In process,1200.50,EUR
            ,Bruno,Diaz,,,,bruno@diaz.example,call,,,
            ,,,Orchard Ltd,+44 113 496 0000,,,,,,
            """);
        Assert.Equal((ImportState.Completed, 3, 3, 3, 0), (leads.Progress.State, leads.Progress.Total, leads.Progress.Done, leads.Progress.Created, leads.Progress.Failed));
        Assert.Equal([2, 3, 4], leads.Rows.Select(r => r.Row));
        Assert.All(leads.Rows, r => Assert.Equal(RowOutcome.Created, r.Outcome));

        // Rows are written concurrently, so ids need not follow the file's order; the report maps rows to ids.
        var list = (await api.Http.GetFromJsonAsync<Crm.Web.Leads.LeadPage>("/api/leads", Json))!.Items.ToDictionary(l => l.Id);
        Assert.Equal(["Pricing request", "Bruno Diaz", "Orchard Ltd"], leads.Rows.Select(r => list[r.RecordId!.Value].Title));
        var ann = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{leads.Rows[0].RecordId}", Json))!;
        Assert.Equal(("IN_PROCESS", "WEB", 1200.50m, "EUR", portal.AdminId), (ann.StatusId, ann.Fields.SourceId, ann.Fields.Amount, ann.Fields.Currency, ann.Fields.ResponsibleId));
        Assert.Equal([ContactPointType.Work, ContactPointType.Mobile], ann.Fields.Phones!.Select(p => p.Type));
        var history = (await api.Http.GetFromJsonAsync<List<HistoryEntry>>($"/api/leads/{ann.Id}/history", Json))!;
        Assert.Equal(("created", portal.AdminId), (Assert.Single(history).Action, history[0].ActorId));

        var contacts = await RunImport(api, "contacts", """
            First name;Last name;Position;Contact type;Mobile phone;E-mail;City;Responsible
            Lia;Moss;Buyer;supplier;+44 7700 900456;lia@moss.example;Leeds;Bob Seller
            Tom;Hart;;;;;;
            """);
        Assert.Equal(2, contacts.Progress.Created);
        var contactList = (await api.Http.GetFromJsonAsync<Crm.Web.Contacts.ContactPage>("/api/contacts", Json))!;
        var lia = contactList.Items.Single(c => c.FirstName == "Lia");
        Assert.Equal(("SUPPLIER", "Buyer", portal.SecondId), (lia.TypeId, lia.Position, lia.ResponsibleId));
        Assert.Equal(2, contactList.Total);

        var companies = await RunImport(api, "companies", "Company name\tIndustry\tAnnual revenue\tTax id\tPhone\n"
            + "Orchard Ltd\tConsulting\t2500000\tGB123456789\t+44 113 496 0000\nBlue Lake d.o.o.\tIT\t\t\t\n");
        Assert.Equal(2, companies.Progress.Created);
        var companyList = (await api.Http.GetFromJsonAsync<Crm.Web.Companies.CompanyPage>("/api/companies", Json))!;
        Assert.Equal(["Blue Lake d.o.o.", "Orchard Ltd"], companyList.Items.Select(c => c.Title));
        Assert.Equal(("CONSULTING", 2_500_000m), (companyList.Items[1].IndustryId, companyList.Items[1].Revenue));
    }

    [Fact]
    public async Task The_check_reports_every_row_with_the_mapping_and_writes_nothing()
    {
        var (portal, api) = await NewPortal();
        var existing = await (await api.Http.PostAsJsonAsync("/api/leads", new
        {
            firstName = "Ann", lastName = "Lee", phones = new[] { new { value = "+44 20 7946 0018", type = "work" } },
        })).Content.ReadFromJsonAsync<Lead>(Json);
        var before = await Counts(portal.PortalId);

        var report = await Check(api, "leads", """
            Name,Last name,Phone,E-mail,Source,Notes
            Ann,Lee,+44 (20) 7946-0018,,,first
            Bob,Stone,,bob@stone.example,,
            Bob,Stone,,BOB@stone.example,,
            Carl,Ray,,,Telepathy,
            Dora,Fox,,,,
            """, mapping: new Dictionary<string, string?> { ["Notes"] = null });

        Assert.Equal((5, 2, 2, 1), (report.Total, report.Ok, report.Duplicate, report.Errors));
        Assert.Equal(["firstName", "lastName", "phones.work", "emails.work", "sourceId", null], report.Columns.Select(c => c.Field));
        Assert.Equal(["Ann", "Bob", "Bob"], report.Columns[0].Samples);
        var rows = report.Rows;
        Assert.Equal((RowOutcome.Duplicate, existing!.Id, "phone"), (rows[0].Outcome, rows[0].RecordId, rows[0].Duplicate!.MatchedBy));
        Assert.Contains($"#{existing.Id}", rows[0].Message);
        Assert.Equal(RowOutcome.Ok, rows[1].Outcome);
        Assert.Equal((RowOutcome.Duplicate, (int?)3, "email"), (rows[2].Outcome, rows[2].Duplicate!.Row, rows[2].Duplicate!.MatchedBy));
        Assert.Equal((RowOutcome.Error, 5, "unknown_source", "Source"), (rows[3].Outcome, rows[3].Row, rows[3].Code, rows[3].Column));
        Assert.Equal(RowOutcome.Ok, rows[4].Outcome);
        Assert.Equal(before, await Counts(portal.PortalId));
    }

    public static TheoryData<string, byte[], string?, string> BadFiles => new()
    {
        { "Windows-1252 text", Encoding.Latin1.GetBytes("Title,Company\nCaf\u00e9 deal,Acme\n"), null, "wrong_encoding" },
        { "UTF-16 without byte-order mark", Encoding.Unicode.GetBytes("Title\nA deal\n"), null, "wrong_encoding" },
        { "no column for a name or title", Encoding.UTF8.GetBytes("Phone,E-mail\n+44 20 7946 0018,a@b.example\n"), null, "missing_columns" },
        { "mapping names a missing column", Encoding.UTF8.GetBytes("Title\nA deal\n"), """{"Surname":"lastName"}""", "unknown_column" },
        { "mapping names an unknown field", Encoding.UTF8.GetBytes("Title\nA deal\n"), """{"Title":"shoeSize"}""", "unknown_field" },
        { "mapping is not JSON", Encoding.UTF8.GetBytes("Title\nA deal\n"), "{Title", "invalid_mapping" },
        { "no header line", Encoding.UTF8.GetBytes("ann@example.com,Ann\n"), null, "header_required" },
        { "header only", Encoding.UTF8.GetBytes("Title\n\n"), null, "no_rows" },
        { "a workbook", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00], null, "not_csv" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_files_are_refused_with_a_clear_error_by_the_check_and_the_import_and_change_nothing(string what, byte[] file, string? mapping, string code)
    {
        var (portal, api) = await NewPortal();
        var before = await Counts(portal.PortalId);
        foreach (var path in new[] { "/api/import/leads/check", "/api/import/leads" })
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(file), "file", $"{what}.csv");
            if (mapping is not null) form.Add(new StringContent(mapping), "mapping");
            await Problem(await api.Http.PostAsync(path, form), HttpStatusCode.BadRequest, code);
        }
        Assert.Empty((await api.Http.GetFromJsonAsync<List<ImportProgress>>("/api/import/jobs", Json))!);
        Assert.Equal(before, await Counts(portal.PortalId));
    }

    [Fact]
    public async Task Bad_cells_fail_their_row_with_the_column_and_import_nothing_for_it()
    {
        var (portal, api) = await NewPortal();
        var before = await Counts(portal.PortalId);
        var longCell = new string('x', 10_000);
        var report = await RunImport(api, "leads", $"Title,Comments,Phone\r\n\"Two\r\nlines\",fine,\r\nLong notes,\"{longCell}\",\r\n=HYPERLINK(\"http://evil.example\"),x,\r\nCalc,x,+cmd|' /C calc'!A0\r\n");
        Assert.Equal((ImportState.Completed, 4, 0), (report.Progress.State, report.Progress.Failed, report.Progress.Created));
        Assert.Equal([(2, "title_not_single_line", "Title"), (3, "cell_too_long", "Comments"), (4, "formula_payload", "Title"), (5, "formula_payload", "Phone")],
            report.Rows.Select(r => (r.Row, r.Code!, r.Column!)));
        Assert.All(report.Rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        Assert.Equal(before, await Counts(portal.PortalId));
    }

    [Fact]
    public async Task Quoted_line_breaks_in_comments_are_imported_intact()
    {
        var (_, api) = await NewPortal();
        const string comments = "Met at the fair, \"stand 12\".\r\nCall back in May;\r\n\r\nsend the price list.";
        var report = await RunImport(api, "leads", $"Title;Comments\r\nFair lead;\"{comments.Replace("\"", "\"\"")}\"\r\nNext;x\r\n");
        Assert.Equal(2, report.Progress.Created);
        var lead = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{report.Rows[0].RecordId}", Json))!;
        Assert.Equal(comments, lead.Fields.Comments);
    }

    /// <summary>An existing lead, then a file: row 2 shares its phone; row 4 shares row 3's e-mail.</summary>
    private async Task<(SignedInClient Api, long Existing, ImportJobReport Report)> ImportDuplicates(string mode)
    {
        var (_, api) = await NewPortal();
        var existing = (await (await api.Http.PostAsJsonAsync("/api/leads", new
        {
            firstName = "Ann", lastName = "Lee", phones = new[] { new { value = "+44 20 7946 0018", type = "work" } },
        })).Content.ReadFromJsonAsync<Lead>(Json))!;
        var report = await RunImport(api, "leads", """
            First name,Last name,Company,Phone,E-mail
            Annie,Lee,Harbour Foods,+44 (20) 7946-0018,ann@harbour.example
            Bob,Stone,,,bob@stone.example
            Robert,Stone,Stone & Sons,+44 161 496 0000,BOB@stone.example
            """, duplicates: mode);
        return (api, existing.Id, report);
    }

    private static async Task<List<Crm.Web.Leads.LeadRow>> AllLeads(SignedInClient api) =>
        (await api.Http.GetFromJsonAsync<Crm.Web.Leads.LeadPage>("/api/leads?sort=id", Json))!.Items.ToList();

    [Fact]
    public async Task Duplicates_are_skipped_when_asked()
    {
        var (api, existing, report) = await ImportDuplicates("skip");
        var rows = report.Rows;
        Assert.Equal((1, 0, 2), (report.Progress.Created, report.Progress.Merged, report.Progress.Skipped));
        Assert.Equal((RowOutcome.Skipped, existing), (rows[0].Outcome, rows[0].RecordId));
        Assert.StartsWith($"skipped: duplicate of #{existing} (same phone)", rows[0].Message);
        Assert.Equal((RowOutcome.Skipped, rows[1].RecordId), (rows[2].Outcome, rows[2].RecordId));
        Assert.Contains("row 3, same e-mail", rows[2].Message);
        var leads = await AllLeads(api);
        Assert.Equal(["Ann Lee", "Bob Stone"], leads.Select(l => l.Title));
        Assert.Empty(leads[0].Emails);
    }

    [Fact]
    public async Task Duplicates_are_merged_into_the_record_they_match_when_asked()
    {
        var (api, existing, report) = await ImportDuplicates("merge");
        var rows = report.Rows;
        Assert.Equal((1, 2, 0), (report.Progress.Created, report.Progress.Merged, report.Progress.Skipped));
        Assert.Equal((RowOutcome.Merged, existing), (rows[0].Outcome, rows[0].RecordId));
        Assert.StartsWith($"merged into #{existing}", rows[0].Message);
        Assert.Equal((RowOutcome.Merged, rows[1].RecordId), (rows[2].Outcome, rows[2].RecordId));

        var ann = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{existing}", Json))!;
        // The record's values stay, its empty fields are filled, the phone it had is not added twice.
        Assert.Equal(("Ann", "Harbour Foods", 2L), (ann.Fields.FirstName, ann.Fields.CompanyName, ann.Version));
        Assert.Equal(["+44 20 7946 0018"], ann.Fields.Phones!.Select(p => p.Value));
        Assert.Equal(["ann@harbour.example"], ann.Fields.Emails!.Select(p => p.Value));
        var bob = (await api.Http.GetFromJsonAsync<Lead>($"/api/leads/{rows[1].RecordId}", Json))!;
        Assert.Equal(("Bob", "Stone & Sons", "+44 161 496 0000"), (bob.Fields.FirstName, bob.Fields.CompanyName, bob.Fields.Phones!.Single().Value));
        Assert.Equal(2, (await AllLeads(api)).Count);
    }

    [Fact]
    public async Task Duplicates_are_created_anyway_and_flagged_when_asked()
    {
        var (api, existing, report) = await ImportDuplicates("create");
        var rows = report.Rows;
        Assert.Equal((3, 0, 0), (report.Progress.Created, report.Progress.Merged, report.Progress.Skipped));
        Assert.All(rows, r => Assert.Equal(RowOutcome.Created, r.Outcome));
        Assert.Contains($"possible duplicate of #{existing}", rows[0].Message);
        Assert.Null(rows[1].Duplicate);
        Assert.Contains($"possible duplicate of #{rows[1].RecordId} (row 3, same e-mail)", rows[2].Message);
        Assert.Equal(4, (await AllLeads(api)).Count);
    }

    [Fact]
    public async Task Rows_that_fail_are_listed_with_their_row_numbers_and_the_others_are_imported()
    {
        var (_, api) = await NewPortal();
        var report = await RunImport(api, "contacts", """
            First name,Last name,E-mail,Contact type

            Ann,Lee,ann@lee.example,client
            ,,nobody@example.com,
            Bob,Stone,not-an-email,
            Cleo,Park,,partner
            Dan,Ivy,,Alien
            """);
        Assert.Equal((5, 2, 3), (report.Progress.Total, report.Progress.Created, report.Progress.Failed));
        var failed = (await api.Http.GetFromJsonAsync<ImportJobReport>($"/api/import/jobs/{report.Progress.Id}?outcome=error", Json))!;
        Assert.Equal([(4, "name_required"), (5, "invalid_email"), (7, "unknown_type")], failed.Rows.Select(r => (r.Row, r.Code!)));
        Assert.Equal(["E-mail", "Contact type"], failed.Rows.Skip(1).Select(r => r.Column!));
        Assert.Equal(["Ann", "Cleo"], (await api.Http.GetFromJsonAsync<Crm.Web.Contacts.ContactPage>("/api/contacts", Json))!.Items
            .Select(c => c.FirstName).Order());
    }

    [Fact]
    public async Task Cancelling_a_large_import_stops_it_and_the_report_says_where()
    {
        var (portal, api) = await NewPortal();
        var csv = new StringBuilder("Title,Phone\n");
        const int total = 5_000;
        for (var i = 0; i < total; i++) csv.Append($"Lead {i},+1 555 {i:D7}\n");
        var started = await Start(api, "leads", csv.ToString());

        // One import at a time per user.
        await Problem(await Upload(api, "/api/import/leads", "Title\nAnother\n"), HttpStatusCode.Conflict, "import_running");

        await Ended(api, started.Id, p => p.Created > 0);
        Assert.Equal(HttpStatusCode.Accepted, (await api.Http.DeleteAsync($"/api/import/jobs/{started.Id}")).StatusCode);
        var report = await Ended(api, started.Id);

        var progress = report.Progress;
        Assert.Equal(ImportState.Cancelled, progress.State);
        Assert.InRange(progress.Created, 1, total - 1);
        Assert.Equal(total, progress.Created + progress.NotImported);
        Assert.NotNull(progress.StoppedAtRow);
        Assert.Contains("Cancelled", progress.Message);
        Assert.Contains($"row {progress.StoppedAtRow}", progress.Message);
        // Rows already written stay: the list has exactly the created ones.
        Assert.Equal(progress.Created, (await api.Http.GetFromJsonAsync<Crm.Web.Leads.LeadPage>("/api/leads?pageSize=1", Json))!.Total);
        var notImported = (await api.Http.GetFromJsonAsync<ImportJobReport>($"/api/import/jobs/{started.Id}?outcome=notImported&pageSize=1", Json))!;
        Assert.Equal((progress.NotImported, progress.StoppedAtRow), (notImported.RowsTotal, notImported.Rows.Single().Row));
        Assert.Equal(progress.Created, (await Counts(portal.PortalId))[0]);
    }

    [Fact]
    public async Task Jobs_of_another_user_or_portal_are_not_found()
    {
        var (portal, api) = await NewPortal();
        var job = (await RunImport(api, "companies", "Company name\nOrchard Ltd\n")).Progress;
        var colleague = await fixture.Host.SignIn(portal.SecondEmail);
        var stranger = await fixture.Host.SignIn((await fixture.Host.CreatePortal()).AdminEmail);
        foreach (var other in new[] { colleague, stranger })
        {
            await Problem(await other.Http.GetAsync($"/api/import/jobs/{job.Id}"), HttpStatusCode.NotFound, "import_not_found");
            await Problem(await other.Http.DeleteAsync($"/api/import/jobs/{job.Id}"), HttpStatusCode.NotFound, "import_not_found");
            Assert.Empty((await other.Http.GetFromJsonAsync<List<ImportProgress>>("/api/import/jobs", Json))!);
        }
        Assert.Equal(job.Id, Assert.Single((await api.Http.GetFromJsonAsync<List<ImportProgress>>("/api/import/jobs", Json))!).Id);
    }

    [Fact]
    public async Task Unknown_record_types_modes_and_missing_files_are_refused()
    {
        var (_, api) = await NewPortal();
        await Problem(await Upload(api, "/api/import/deals/check", "Title\nA\n"), HttpStatusCode.NotFound, "unknown_import_kind");
        await Problem(await Upload(api, "/api/import/leads", "Title\nA\n", duplicates: "overwrite"), HttpStatusCode.BadRequest, "invalid_duplicate_mode");
        await Problem(await api.Http.PostAsJsonAsync("/api/import/leads", new { title = "A" }), HttpStatusCode.BadRequest, "file_required");
        await Problem(await api.Http.GetAsync("/api/import/jobs/" + Guid.NewGuid()), HttpStatusCode.NotFound, "import_not_found");
        var fields = await api.Http.GetFromJsonAsync<JsonElement>("/api/import/contacts/fields", Json);
        Assert.Contains(fields.GetProperty("fields").EnumerateArray(), f => f.GetProperty("key").GetString() == "emails.home");
        var anonymous = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await Upload(new SignedInClient(anonymous, new(), fixture.Host.BaseAddress), "/api/import/leads/check", "Title\nA\n")).StatusCode);
    }
}
