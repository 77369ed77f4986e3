using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Lead rights through the API: a seller limited to their own leads, with no right to junk them, delete them or add contacts.</summary>
[Collection(WebCollection.Name)]
public sealed class LeadAccessTests(WebFixture fixture)
{
    private sealed record Setup(TestPortal Portal, HttpClient Admin, HttpClient Seller, long AdminLead, long SellerLead);

    private async Task<Setup> Restricted()
    {
        var portal = await fixture.Host.CreatePortal("Lead access portal");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var seller = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        await AccessSetup.OnlyRole(admin, portal.SecondId, "Own leads",
            new { entity = "lead", action = "read", scope = "own" },
            new { entity = "lead", action = "add", scope = "own" },
            new { entity = "lead", action = "edit", scope = "own" },
            new { entity = "lead", action = "edit", scope = "none", stageId = "JUNK" });
        var adminLead = await Create(admin, "Admin's lead", portal.AdminId);
        var sellerLead = await Create(seller, "Seller's lead", portal.SecondId);
        return new Setup(portal, admin, seller, adminLead, sellerLead);
    }

    private static async Task<long> Create(HttpClient http, string title, int responsibleId)
    {
        var response = await http.PostAsJsonAsync("/api/leads", new { title, responsibleId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_seller_sees_and_changes_their_own_leads_only()
    {
        var s = await Restricted();
        await ProblemOf(await s.Seller.GetAsync($"/api/leads/{s.AdminLead}"), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.GetAsync($"/api/leads/{s.AdminLead}/history"), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(HttpStatusCode.OK, (await s.Seller.GetAsync($"/api/leads/{s.SellerLead}")).StatusCode);

        var before = await s.Admin.GetStringAsync($"/api/leads/{s.AdminLead}");
        await ProblemOf(await s.Seller.PutAsJsonAsync($"/api/leads/{s.AdminLead}", new { title = "Taken over", responsibleId = s.Portal.SecondId }),
            HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.PostAsJsonAsync($"/api/leads/{s.AdminLead}/status", new { statusId = "IN_PROCESS" }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.DeleteAsync($"/api/leads/{s.AdminLead}"), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(before, await s.Admin.GetStringAsync($"/api/leads/{s.AdminLead}"));

        var renamed = await s.Seller.PutAsJsonAsync($"/api/leads/{s.SellerLead}", new { title = "Renamed by the seller", responsibleId = s.Portal.SecondId, currency = "USD" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
    }

    [Fact]
    public async Task A_status_the_role_may_not_edit_into_a_delete_and_a_conversion_without_rights_are_refused_and_change_nothing()
    {
        var s = await Restricted();
        var before = await s.Seller.GetStringAsync($"/api/leads/{s.SellerLead}");
        await ProblemOf(await s.Seller.PostAsJsonAsync($"/api/leads/{s.SellerLead}/status", new { statusId = "JUNK" }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.DeleteAsync($"/api/leads/{s.SellerLead}"), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.PostAsJsonAsync($"/api/leads/{s.SellerLead}/convert", new { contact = true }), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(before, await s.Seller.GetStringAsync($"/api/leads/{s.SellerLead}"));
        var contacts = await s.Admin.GetFromJsonAsync<JsonElement>("/api/contacts");
        Assert.Equal(0, contacts.GetProperty("total").GetInt32());

        var moved = await s.Seller.PostAsJsonAsync($"/api/leads/{s.SellerLead}/status", new { statusId = "IN_PROCESS" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    [Fact]
    public async Task A_seller_cannot_add_a_lead_for_someone_else_and_none_is_created()
    {
        var s = await Restricted();
        var total = (await s.Admin.GetFromJsonAsync<JsonElement>("/api/leads")).GetProperty("total").GetInt32();
        await ProblemOf(await s.Seller.PostAsJsonAsync("/api/leads", new { title = "For the admin", responsibleId = s.Portal.AdminId }), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(total, (await s.Admin.GetFromJsonAsync<JsonElement>("/api/leads")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_lead_list_shows_and_counts_only_what_the_user_may_see_and_other_record_lists_nothing_without_a_right()
    {
        var s = await Restricted();
        var mine = await s.Seller.GetFromJsonAsync<JsonElement>("/api/leads");
        Assert.Equal([s.SellerLead], mine.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt64()));
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
        var searched = await s.Seller.GetFromJsonAsync<JsonElement>("/api/leads?search=Admin");
        Assert.Equal(0, searched.GetProperty("total").GetInt32());
        var all = await s.Admin.GetFromJsonAsync<JsonElement>("/api/leads");
        Assert.Equal(2, all.GetProperty("total").GetInt32());

        // The seller's role gives no contact, company or deal rights at all.
        (await s.Admin.PostAsJsonAsync("/api/contacts", new { firstName = "Carl", lastName = "Contact", responsibleId = s.Portal.SecondId })).EnsureSuccessStatusCode();
        Assert.Equal(0, (await s.Seller.GetFromJsonAsync<JsonElement>("/api/contacts")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await s.Admin.GetFromJsonAsync<JsonElement>("/api/contacts")).GetProperty("total").GetInt32());
        (await s.Admin.PostAsJsonAsync("/api/deals", new { title = "Seller's deal", responsibleId = s.Portal.SecondId, currency = "USD" })).EnsureSuccessStatusCode();
        var board = await s.Seller.GetFromJsonAsync<JsonElement>($"/api/pipelines/{s.Portal.PipelineId}/board");
        Assert.All(board.GetProperty("columns").EnumerateArray(), c =>
        {
            Assert.Equal(0, c.GetProperty("deals").GetArrayLength());
            Assert.Equal(0, c.GetProperty("totals").GetProperty("count").GetInt32());
        });
        var adminBoard = await s.Admin.GetFromJsonAsync<JsonElement>($"/api/pipelines/{s.Portal.PipelineId}/board");
        Assert.Equal(1, adminBoard.GetProperty("columns").EnumerateArray().Sum(c => c.GetProperty("totals").GetProperty("count").GetInt32()));
    }
}
