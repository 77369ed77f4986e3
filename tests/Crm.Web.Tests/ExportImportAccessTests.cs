using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
using Crm.Web.Import;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Export gives only the rows the user may both read and export; export and import need their rights at all.</summary>
[Collection(WebCollection.Name)]
public sealed class ExportImportAccessTests(WebFixture fixture)
{
    private async Task<(TestPortal Portal, SignedInClient Admin, SignedInClient Seller)> WithRole(params object[] permissions)
    {
        var portal = await fixture.Host.CreatePortal("Export access portal");
        var admin = await fixture.Host.SignIn(portal.AdminEmail);
        var seller = await fixture.Host.SignIn(portal.SecondEmail);
        await AccessSetup.OnlyRole(admin.Http, portal.SecondId, "Limited", permissions);
        foreach (var (title, responsible) in new[] { ("Admin lead", portal.AdminId), ("Seller lead", portal.SecondId) })
            (await admin.Http.PostAsJsonAsync("/api/leads", new { title, responsibleId = responsible })).EnsureSuccessStatusCode();
        return (portal, admin, seller);
    }

    [Fact]
    public async Task An_export_has_only_the_rows_the_user_may_read_and_export()
    {
        var (_, admin, seller) = await WithRole(new { entity = "lead", action = "read", scope = "all" }, new { entity = "lead", action = "export", scope = "own" });
        var csv = await seller.Http.GetStringAsync("/api/leads/export?format=csv&columns=title");
        Assert.Contains("Seller lead", csv);
        Assert.DoesNotContain("Admin lead", csv);
        var all = await admin.Http.GetStringAsync("/api/leads/export?format=csv&columns=title");
        Assert.Contains("Admin lead", all);
    }

    [Fact]
    public async Task Without_an_export_or_import_right_the_request_is_refused_and_nothing_is_imported()
    {
        var (_, admin, seller) = await WithRole(new { entity = "lead", action = "read", scope = "all" }, new { entity = "lead", action = "add", scope = "own" });
        await ProblemOf(await seller.Http.GetAsync("/api/leads/export?format=csv"), HttpStatusCode.Forbidden, "access_denied");
        var total = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/leads")).GetProperty("total").GetInt32();
        await ProblemOf(await ImportRequests.Upload(seller, "/api/import/leads/check", "Title\nImported\n"), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await ImportRequests.Upload(seller, "/api/import/leads", "Title\nImported\n"), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(total, (await admin.Http.GetFromJsonAsync<JsonElement>("/api/leads")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_import_row_the_user_may_not_add_fails_alone_and_the_permitted_rows_are_imported()
    {
        var (portal, admin, seller) = await WithRole(
            new { entity = "lead", action = "read", scope = "all" }, new { entity = "lead", action = "add", scope = "own" },
            new { entity = "lead", action = "import", scope = "all" }, new { entity = "lead", action = "add", scope = "none", stageId = "IN_PROCESS" });
        var report = await ImportRequests.RunImport(seller, "leads",
            $"Title,Responsible,Status\nMine,{portal.SecondEmail},\nFor the admin,{portal.AdminEmail},\nMine in progress,{portal.SecondEmail},IN_PROCESS\n");

        Assert.Equal((1, 2), (report.Progress.Created, report.Progress.Failed));
        Assert.Equal(RowOutcome.Created, report.Rows[0].Outcome);
        Assert.Equal(("access_denied", "Responsible"), (report.Rows[1].Code, report.Rows[1].Column));
        Assert.Equal(("access_denied", "Status"), (report.Rows[2].Code, report.Rows[2].Column));
        var titles = await Titles(admin);
        Assert.Contains("Mine", titles);
        Assert.DoesNotContain("For the admin", titles);
        Assert.DoesNotContain("Mine in progress", titles);
    }

    [Fact]
    public async Task An_import_does_not_match_nor_name_a_duplicate_the_user_cannot_see()
    {
        var (portal, admin, seller) = await WithRole(
            new { entity = "lead", action = "read", scope = "own" }, new { entity = "lead", action = "add", scope = "own" },
            new { entity = "lead", action = "import", scope = "own" });
        (await admin.Http.PostAsJsonAsync("/api/leads", new { title = "Hidden Vip", firstName = "Vera", lastName = "Hidden", responsibleId = portal.AdminId })).EnsureSuccessStatusCode();

        var check = await ImportRequests.Check(seller, "leads", "First name,Last name\nVera,Hidden\n", duplicates: "skip");
        Assert.Null(check.Rows.Single().Duplicate);
        var report = await ImportRequests.RunImport(seller, "leads", "First name,Last name\nVera,Hidden\n", duplicates: "skip");
        Assert.Equal(RowOutcome.Created, report.Rows.Single().Outcome);
        Assert.DoesNotContain("Hidden Vip", JsonSerializer.Serialize(report));
    }

    [Fact]
    public async Task An_import_merge_into_a_record_the_user_may_see_but_not_change_fails_that_row_and_leaves_the_record()
    {
        var (portal, admin, seller) = await WithRole(
            new { entity = "lead", action = "read", scope = "all" }, new { entity = "lead", action = "edit", scope = "own" },
            new { entity = "lead", action = "add", scope = "own" }, new { entity = "lead", action = "import", scope = "own" });
        var created = await admin.Http.PostAsJsonAsync("/api/leads", new { firstName = "Walt", lastName = "Guarded", responsibleId = portal.AdminId });
        var lead = await created.Content.ReadFromJsonAsync<JsonElement>();

        var report = await ImportRequests.RunImport(seller, "leads", "First name,Last name,Company\nWalt,Guarded,Sneaky Ltd\n", duplicates: "merge");
        Assert.Equal((RowOutcome.Error, "access_denied"), (report.Rows.Single().Outcome, report.Rows.Single().Code));
        var after = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/leads/{lead.GetProperty("id").GetInt64()}");
        Assert.Equal(lead.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal("", after.GetProperty("fields").GetProperty("companyName").GetString() ?? "");
    }

    private static async Task<List<string>> Titles(SignedInClient admin) =>
        (await admin.Http.GetFromJsonAsync<JsonElement>("/api/leads?pageSize=100")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("title").GetString()!).ToList();
}
