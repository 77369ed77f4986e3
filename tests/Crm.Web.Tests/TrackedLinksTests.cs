using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>Tracked links: made through the API for a record, opened anonymously, sending the client on and firing the record's LinkClicked triggers.</summary>
[Collection(WebCollection.Name)]
public sealed class TrackedLinksTests(WebFixture fixture)
{
    private HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };

    [Fact]
    public async Task An_opened_link_redirects_to_its_target_and_moves_its_record_while_a_changed_token_is_404_and_moves_nothing()
    {
        var s = await TriggerSetup.Start(fixture);
        await s.SetDealTriggers(s.Stages[1], new { kind = "linkClicked", name = "Read the offer" });
        var deal = await s.Deal(new { title = "Offer", currency = "USD" });
        var created = await s.Admin.PostAsJsonAsync("/api/tracked-links", new { recordType = "deal", recordId = deal, url = "https://shop.example/offer?id=7" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = await created.Content.ReadFromJsonAsync<JsonElement>();
        var path = link.GetProperty("path").GetString()!;
        Assert.StartsWith("/l/", path);
        Assert.Equal(new Uri(fixture.Host.BaseAddress, path).AbsoluteUri, link.GetProperty("link").GetString());
        using var visitor = Anonymous();

        var token = path["/l/".Length..];
        foreach (var bad in new[] { token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1], token[..20], "not-a-token", token + "x" })
        {
            var refused = await visitor.GetAsync("/l/" + bad);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Null(refused.Headers.Location);
        }
        Assert.Equal(s.Stages[0], await s.DealStage(deal));

        var opened = await visitor.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("https://shop.example/offer?id=7", opened.Headers.Location!.AbsoluteUri);
        Assert.Equal(s.Stages[1], await s.DealStage(deal));
        Assert.Contains(("moved by trigger 'Read the offer' (tracked link opened: shop.example)", 0), await s.History("deal", deal));

        // Opened again, the deal is where the trigger leads already: the client is still sent on.
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_link_leads_only_to_http_addresses_and_only_for_a_record_the_user_may_see_in_their_portal()
    {
        var s = await TriggerSetup.Start(fixture);
        var lead = await s.Lead(new { title = "Ann" });
        var other = await TriggerSetup.Start(fixture, "Other portal");
        // Ids are per portal: the other portal's third lead has an id no lead of this portal has.
        long foreign = 0;
        for (var i = 0; i < 3; i++) foreign = await other.Lead(new { title = "Not yours" });
        Assert.NotEqual(lead, foreign);

        foreach (var url in new[] { "javascript:alert(1)", "ftp://files.example/a", "/relative", "", "https://" + new string('a', 2_000) + ".example" })
            Assert.Equal("url", (await ProblemOf(await s.Admin.PostAsJsonAsync("/api/tracked-links", new { recordType = "lead", recordId = lead, url }), HttpStatusCode.BadRequest, "invalid_url")).GetProperty("field").GetString());
        await ProblemOf(await s.Admin.PostAsJsonAsync("/api/tracked-links", new { recordType = "contact", recordId = lead, url = "https://a.example" }), HttpStatusCode.BadRequest, "invalid_record_type");
        await ProblemOf(await s.Admin.PostAsJsonAsync("/api/tracked-links", new { url = "https://a.example" }), HttpStatusCode.BadRequest, "record_required");
        await ProblemOf(await s.Admin.PostAsJsonAsync("/api/tracked-links", new { recordType = "lead", recordId = foreign, url = "https://a.example" }), HttpStatusCode.NotFound, "lead_not_found");
        using var anonymous = Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/tracked-links", new { recordType = "lead", recordId = lead, url = "https://a.example" })).StatusCode);
    }
}
