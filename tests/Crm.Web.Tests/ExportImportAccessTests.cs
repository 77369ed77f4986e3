using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
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
}
