using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.TestSupport;
using static Crm.Web.Tests.ApiAssert;

namespace Crm.Web.Tests;

/// <summary>
/// Web forms end to end over HTTP: admins define them, anyone fills them in through the public entry
/// endpoint (no cookie, no token), and the entry becomes a lead or moves the client's records by their
/// WebForm triggers. Refused entries change nothing.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WebFormsTests(WebFixture fixture)
{
    private HttpClient Anonymous() => new() { BaseAddress = fixture.Host.BaseAddress };

    private static object Form(int responsibleId, bool askPhone = true, bool active = true) => new
    {
        name = "Contact us", responsibleId, askName = true, askEmail = true, askPhone, askMessage = true,
        successText = "Thanks, we will call you back.", active,
    };

    private static string Entries(TriggerSetup s, string formId = "contact-us") => $"/api/public/forms/{s.Portal.PortalId}/{formId}/entries";

    /// <summary>A fresh portal (entries are limited per form and address) with the form "contact-us": <paramref name="form"/>, else <see cref="Form"/> for the second user.</summary>
    private async Task<TriggerSetup> WithForm(Func<TestPortal, object>? form = null)
    {
        var s = await TriggerSetup.Start(fixture, "Forms portal");
        await TriggerSetup.Ok(await s.Admin.PutAsJsonAsync("/api/forms/contact-us", form?.Invoke(s.Portal) ?? Form(s.Portal.SecondId)));
        return s;
    }

    private static async Task Refused(HttpResponseMessage response, HttpStatusCode status, string code, string field) =>
        Assert.Equal(field, (await ProblemOf(response, status, code)).GetProperty("field").GetString());

    private static async Task<List<JsonElement>> Leads(TriggerSetup s) =>
        (await s.Admin.GetFromJsonAsync<JsonElement>("/api/leads?pageSize=50")).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task A_new_clients_entry_becomes_a_lead_from_the_web_form_for_the_forms_responsible()
    {
        var s = await WithForm();

        var answer = await TriggerSetup.Ok(await Anonymous().PostAsJsonAsync(Entries(s),
            new { name = "Ann Lee", email = "Ann@Harbour.example", phone = "+44 20 7946 0018", message = "Please call me about prices." }));

        Assert.Equal("Thanks, we will call you back.", answer.GetProperty("message").GetString());
        var lead = Assert.Single(await Leads(s));
        var full = (await s.Admin.GetFromJsonAsync<JsonElement>($"/api/leads/{lead.GetProperty("id").GetInt64()}")).GetProperty("fields");
        Assert.Equal("Contact us: Ann Lee", full.GetProperty("title").GetString());
        Assert.Equal(("Ann", "Lee"), (full.GetProperty("firstName").GetString(), full.GetProperty("lastName").GetString()));
        Assert.Equal("ann@harbour.example", full.GetProperty("emails")[0].GetProperty("value").GetString());
        Assert.Equal("WEBFORM", full.GetProperty("sourceId").GetString());
        Assert.Equal("Please call me about prices.", full.GetProperty("comments").GetString());
        Assert.Equal(s.Portal.SecondId, full.GetProperty("responsibleId").GetInt32());
    }

    [Fact]
    public async Task A_known_clients_entry_moves_their_open_lead_by_its_web_form_trigger_and_makes_no_new_lead()
    {
        var s = await WithForm();
        await s.SetLeadTriggers("PROCESSED", new { kind = "webForm", formId = "contact-us", name = "Filled the contact form" });
        var lead = await s.Lead(new { title = "Petra", phones = new[] { new { value = "+386 1 234 5678", type = "work" } } });

        await TriggerSetup.Ok(await Anonymous().PostAsJsonAsync(Entries(s), new { name = "Petra", phone = "01 234 5678" }));

        Assert.Equal("PROCESSED", await s.LeadStatus(lead));
        Assert.Single(await Leads(s));
        Assert.Contains(await s.History("lead", lead), h => h.Action.StartsWith("moved by trigger 'Filled the contact form'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_entries_get_a_clear_error_at_their_field_and_create_nothing()
    {
        var s = await WithForm(p => new { name = "Write to us", responsibleId = p.AdminId, askName = true, askEmail = true, askPhone = false, askMessage = false, successText = "Thanks" });
        var http = Anonymous();
        await Refused(await http.PostAsJsonAsync(Entries(s), new { name = "Ann" }), HttpStatusCode.BadRequest, "contact_required", "email");
        await Refused(await http.PostAsJsonAsync(Entries(s), new { email = "not an address" }), HttpStatusCode.BadRequest, "invalid_email", "email");
        await Refused(await http.PostAsJsonAsync(Entries(s), new { email = "a@b.example", phone = "+386 1 234 5678" }), HttpStatusCode.BadRequest, "field_not_asked", "phone");
        await Refused(await http.PostAsJsonAsync(Entries(s), new { email = "a@b.example", name = new string('x', 101) }), HttpStatusCode.BadRequest, "name_too_long", "name");
        await ProblemOf(await http.PostAsJsonAsync(Entries(s, "no-such-form"), new { email = "a@b.example" }), HttpStatusCode.NotFound, "form_not_found");
        Assert.Empty(await Leads(s));
    }

    [Fact]
    public async Task A_flood_from_one_address_is_refused_with_a_clear_message_and_creates_nothing()
    {
        var s = await WithForm();
        var http = Anonymous();
        // Ten entries a minute are allowed (each refused here for its missing contact, so nothing is made either way).
        for (var i = 0; i < 10; i++)
            await Refused(await http.PostAsJsonAsync(Entries(s), new { name = $"Bot {i}" }), HttpStatusCode.BadRequest, "contact_required", "email");

        var flooded = await http.PostAsJsonAsync(Entries(s), new { name = "Bot", email = "bot@spam.example" });
        await ProblemOf(flooded, HttpStatusCode.TooManyRequests, "too_many_entries");
        Assert.Empty(await Leads(s));
    }

    [Fact]
    public async Task An_inactive_form_shows_no_page_and_takes_no_entries_while_an_active_ones_page_encodes_its_texts()
    {
        var s = await WithForm(p => new { name = "<script>alert(1)</script> Offers", responsibleId = p.AdminId, askEmail = true, successText = "Thanks" });
        var page = await Anonymous().GetAsync($"/forms/{s.Portal.PortalId}/contact-us");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Offers", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("frame-ancestors *", page.Headers.GetValues("Content-Security-Policy").Single());

        await TriggerSetup.Ok(await s.Admin.PutAsJsonAsync("/api/forms/contact-us", Form(s.Portal.AdminId, active: false)));
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous().GetAsync($"/forms/{s.Portal.PortalId}/contact-us")).StatusCode);
        await ProblemOf(await Anonymous().PostAsJsonAsync(Entries(s), new { email = "a@b.example" }), HttpStatusCode.NotFound, "form_not_found");
        Assert.Empty(await Leads(s));
    }

    [Fact]
    public async Task Only_the_settings_right_changes_forms_and_bad_definitions_are_refused_at_their_field()
    {
        var s = await TriggerSetup.Start(fixture, "Forms rights");
        await Refused(await s.Admin.PutAsJsonAsync("/api/forms/Bad_Id", Form(s.Portal.AdminId)), HttpStatusCode.BadRequest, "invalid_form_id", "id");
        await Refused(await s.Admin.PutAsJsonAsync("/api/forms/call", new { name = "Call", responsibleId = s.Portal.AdminId, askEmail = false, askPhone = false, successText = "Thanks" }),
            HttpStatusCode.BadRequest, "no_way_to_reach", "askEmail");
        await Refused(await s.Admin.PutAsJsonAsync("/api/forms/call", new { name = "Call", responsibleId = 999999, askEmail = true, successText = "Thanks" }),
            HttpStatusCode.BadRequest, "unknown_responsible", "responsibleId");
        var second = (await fixture.Host.SignIn(s.Portal.SecondEmail)).Http;
        await ProblemOf(await second.PutAsJsonAsync("/api/forms/call", Form(s.Portal.AdminId)), HttpStatusCode.Forbidden, "access_denied");
        Assert.Empty((await s.Admin.GetFromJsonAsync<JsonElement>("/api/forms")).EnumerateArray());

        await TriggerSetup.Ok(await s.Admin.PutAsJsonAsync("/api/forms/call", Form(s.Portal.AdminId)));
        Assert.Equal(["call"], (await second.GetFromJsonAsync<JsonElement>("/api/forms")).EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, (await s.Admin.DeleteAsync("/api/forms/call")).StatusCode);
        await ProblemOf(await s.Admin.DeleteAsync("/api/forms/call"), HttpStatusCode.NotFound, "form_not_found");
    }
}
