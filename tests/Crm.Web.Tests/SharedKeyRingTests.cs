using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
using Crm.Web.Hosting;

namespace Crm.Web.Tests;

/// <summary>
/// Web nodes share one Data Protection key ring in PostgreSQL: a sign-in cookie and a tracked link
/// made on one node work on another (behind a load balancer, or after the first node is gone).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SharedKeyRingTests(WebFixture fixture)
{
    [Fact]
    public async Task A_sign_in_cookie_and_a_tracked_link_made_on_one_web_node_work_on_another()
    {
        await using var nodeB = await CrmTestHost.Start(fixture.ConnectionString, fixture.ClusterId, HostingMode.Web);
        var s = await TriggerSetup.Start(fixture);
        var deal = await s.Deal(new { title = "Offer", currency = "USD" });
        var created = await s.Admin.PostAsJsonAsync("/api/tracked-links", new { recordType = "deal", recordId = deal, url = "https://shop.example/offer" });
        var path = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;

        var onA = await fixture.Host.SignIn(s.Portal.AdminEmail);
        using var onB = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = nodeB.BaseAddress };
        onB.DefaultRequestHeaders.Add("Cookie", onA.Cookies.GetCookieHeader(fixture.Host.BaseAddress));

        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/access/me")).StatusCode);
        var opened = await onB.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("https://shop.example/offer", opened.Headers.Location?.AbsoluteUri);
        await using var db = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var keys = db.CreateCommand("SELECT count(*) FROM data_protection_keys");
        Assert.True((long)(await keys.ExecuteScalarAsync())! >= 1, "the key ring is not in the database");
    }
}
