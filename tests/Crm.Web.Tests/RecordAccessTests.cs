using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Contact rights through the API and bulk operations: a seller who may see and edit only their own contacts and delete none.</summary>
[Collection(WebCollection.Name)]
public sealed class RecordAccessTests(WebFixture fixture)
{
    private sealed record Setup(TestPortal Portal, HttpClient Admin, HttpClient Seller, long AdminContact, long SellerContact);

    private async Task<Setup> Restricted()
    {
        var portal = await fixture.Host.CreatePortal("Contact access portal");
        var admin = (await fixture.Host.SignIn(portal.AdminEmail)).Http;
        var seller = (await fixture.Host.SignIn(portal.SecondEmail)).Http;
        await AccessSetup.OnlyRole(admin, portal.SecondId, "Own contacts",
            new { entity = "contact", action = "read", scope = "own" },
            new { entity = "contact", action = "edit", scope = "own" },
            new { entity = "activity", action = "read", scope = "all" },
            new { entity = "activity", action = "add", scope = "own" });
        return new Setup(portal, admin, seller, await Create(admin, "Ada", portal.AdminId), await Create(admin, "Sam", portal.SecondId));
    }

    private static async Task<long> Create(HttpClient http, string firstName, int responsibleId)
    {
        var response = await http.PostAsJsonAsync("/api/contacts", new { firstName, lastName = "Test", responsibleId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_seller_reads_and_edits_only_their_own_contacts_and_deletes_none_and_refusals_change_nothing()
    {
        var s = await Restricted();
        await ProblemOf(await s.Seller.GetAsync($"/api/contacts/{s.AdminContact}"), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.GetAsync($"/api/contacts/{s.AdminContact}/history"), HttpStatusCode.Forbidden, "access_denied");
        var before = await s.Admin.GetStringAsync($"/api/contacts/{s.AdminContact}");
        await ProblemOf(await s.Seller.PutAsJsonAsync($"/api/contacts/{s.AdminContact}", new { firstName = "Taken", responsibleId = s.Portal.SecondId }),
            HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.PutAsJsonAsync($"/api/contacts/{s.AdminContact}/companies", new { companyIds = Array.Empty<long>() }),
            HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(before, await s.Admin.GetStringAsync($"/api/contacts/{s.AdminContact}"));

        await ProblemOf(await s.Seller.DeleteAsync($"/api/contacts/{s.SellerContact}"), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(HttpStatusCode.OK, (await s.Seller.GetAsync($"/api/contacts/{s.SellerContact}")).StatusCode);
        await ProblemOf(await s.Seller.PostAsJsonAsync("/api/contacts", new { firstName = "New", responsibleId = s.Portal.SecondId }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.PostAsJsonAsync("/api/companies", new { title = "New", responsibleId = s.Portal.SecondId }), HttpStatusCode.Forbidden, "access_denied");
    }

    [Fact]
    public async Task A_bulk_change_reports_rows_the_user_may_not_change_and_all_filtered_rows_means_those_the_user_may_see()
    {
        var s = await Restricted();
        var chosen = await s.Seller.PostAsJsonAsync("/api/contacts/bulk", new { action = "setResponsible", ids = new[] { s.AdminContact, s.SellerContact }, responsibleId = s.Portal.SecondId });
        var result = await chosen.Content.ReadFromJsonAsync<JsonElement>();
        var rows = result.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetInt64());
        Assert.False(rows[s.AdminContact].GetProperty("ok").GetBoolean());
        Assert.Equal("access_denied", rows[s.AdminContact].GetProperty("code").GetString());
        Assert.True(rows[s.SellerContact].GetProperty("ok").GetBoolean());
        var admins = await s.Admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{s.AdminContact}");
        Assert.Equal(s.Portal.AdminId, admins.GetProperty("fields").GetProperty("responsibleId").GetInt32());

        var all = await (await s.Seller.PostAsJsonAsync("/api/contacts/bulk", new { action = "setResponsible", responsibleId = s.Portal.SecondId }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([s.SellerContact], all.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_merge_needs_edit_rights_on_the_kept_record_and_delete_rights_on_the_duplicate_and_a_refused_one_changes_nothing()
    {
        var s = await Restricted();
        var second = await Create(s.Admin, "Sam", s.Portal.SecondId);
        var before = await s.Admin.GetStringAsync($"/api/contacts/{s.SellerContact}");
        var merge = await s.Seller.PostAsJsonAsync("/api/merge", new { keep = new { kind = "contact", id = s.SellerContact }, merge = new { kind = "contact", id = second } });
        await ProblemOf(merge, HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(before, await s.Admin.GetStringAsync($"/api/contacts/{s.SellerContact}"));
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.GetAsync($"/api/contacts/{second}")).StatusCode);
    }

    [Fact]
    public async Task Duplicate_checks_and_a_contacts_deals_name_only_records_the_user_may_see()
    {
        var s = await Restricted();
        static IEnumerable<long> Ids(JsonElement matches) => matches.EnumerateArray().Select(m => m.GetProperty("id").GetInt64());
        Assert.Contains(s.AdminContact, Ids(await s.Admin.GetFromJsonAsync<JsonElement>("/api/duplicates?name=Ada%20Test")));
        Assert.Empty(Ids(await s.Seller.GetFromJsonAsync<JsonElement>("/api/duplicates?name=Ada%20Test")));
        Assert.Contains(s.SellerContact, Ids(await s.Seller.GetFromJsonAsync<JsonElement>("/api/duplicates?name=Sam%20Test")));

        (await s.Admin.PostAsJsonAsync("/api/deals", new { title = "Deal with Sam", responsibleId = s.Portal.AdminId, currency = "USD", contactIds = new[] { s.SellerContact } }))
            .EnsureSuccessStatusCode();
        Assert.Equal(1, (await s.Admin.GetFromJsonAsync<JsonElement>($"/api/contacts/{s.SellerContact}/deals")).GetArrayLength());
        Assert.Equal(0, (await s.Seller.GetFromJsonAsync<JsonElement>($"/api/contacts/{s.SellerContact}/deals")).GetArrayLength());
    }

    [Fact]
    public async Task Activities_and_comments_of_a_record_the_user_may_not_see_are_refused_and_nothing_is_added()
    {
        var s = await Restricted();
        object Owner(long id) => new { kind = "contact", id };
        await ProblemOf(await s.Seller.GetAsync($"/api/activities?ownerKind=contact&ownerId={s.AdminContact}"), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.PostAsJsonAsync("/api/activities", new { type = "call", subject = "Call Ada", owner = Owner(s.AdminContact) }),
            HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.PostAsJsonAsync("/api/comments", new { owner = Owner(s.AdminContact), text = "Sneaky" }), HttpStatusCode.Forbidden, "access_denied");
        Assert.Equal(0, (await s.Admin.GetFromJsonAsync<JsonElement>($"/api/activities?ownerKind=contact&ownerId={s.AdminContact}")).GetArrayLength());
        Assert.DoesNotContain("Sneaky", await s.Admin.GetStringAsync($"/api/contacts/{s.AdminContact}/history"));

        Assert.Equal(HttpStatusCode.Created, (await s.Seller.PostAsJsonAsync("/api/activities", new { type = "call", subject = "Call Sam", owner = Owner(s.SellerContact) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.Seller.PostAsJsonAsync("/api/comments", new { owner = Owner(s.SellerContact), text = "Called" })).StatusCode);
    }

    [Fact]
    public async Task The_author_of_a_comment_cannot_edit_or_delete_it_once_the_record_is_out_of_reach()
    {
        var s = await Restricted();
        var posted = await s.Seller.PostAsJsonAsync("/api/comments", new { owner = new { kind = "contact", id = s.SellerContact }, text = "Mine" });
        var commentId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await s.Admin.PutAsJsonAsync($"/api/contacts/{s.SellerContact}", new { firstName = "Sam", lastName = "Test", responsibleId = s.Portal.AdminId })).EnsureSuccessStatusCode();

        await ProblemOf(await s.Seller.PutAsJsonAsync($"/api/comments/{commentId}", new { text = "Changed" }), HttpStatusCode.Forbidden, "access_denied");
        await ProblemOf(await s.Seller.DeleteAsync($"/api/comments/{commentId}"), HttpStatusCode.Forbidden, "access_denied");
        var history = await s.Admin.GetStringAsync($"/api/contacts/{s.SellerContact}/history");
        Assert.Contains("Mine", history);
        Assert.DoesNotContain("Changed", history);
    }
}
